import type { Role } from "@/lib/auth/roles";

/**
 * The sections of the administration home, in order. A new section adds a row here and its `admin.sections.<key>`
 * title and description in both message files.
 */
export const ADMIN_SECTIONS = [
  { key: "users", href: "/admin/users", roles: ["OCAS_ADMIN", "BOARD_ADMIN"] },
  { key: "autoTrms", href: "/admin/auto-trms", roles: ["OCAS_ADMIN", "BOARD_ADMIN"] },
  { key: "boards", href: "/admin/boards", roles: ["OCAS_ADMIN"] },
  { key: "schools", href: "/admin/schools", roles: ["OCAS_ADMIN"] },
  { key: "colleges", href: "/admin/colleges", roles: ["OCAS_ADMIN"] },
  { key: "settings", href: "/admin/settings", roles: ["OCAS_ADMIN"] },
  { key: "jobs", href: "/admin/jobs", roles: ["OCAS_ADMIN"] },
  { key: "pdfQueue", href: "/admin/pdf-queue", roles: ["OCAS_ADMIN"] },
  { key: "transmissions", href: "/admin/transmissions", roles: ["OCAS_ADMIN"] },
  { key: "audit", href: "/admin/audit", roles: ["OCAS_ADMIN"] },
] as const satisfies readonly {
  key: string;
  href: string;
  roles: readonly Role[];
}[];

export const adminSectionsFor = (role: Role) => ADMIN_SECTIONS.filter((s) => (s.roles as readonly Role[]).includes(role));
