// The four roles of product §1, and what each may do beyond its scope of requests.
export const ROLES = ["OCAS_ADMIN", "BOARD_ADMIN", "BOARD_USER", "SCHOOL_USER"] as const;
export type Role = (typeof ROLES)[number];

export type Actor = {
  id: string;
  username: string;
  displayName: string;
  email: string;
  role: Role;
  boardId: string | null;
  schoolId: string | null;
  language: "en" | "fr";
  mustChangePassword: boolean;
  board: { id: string; number: string; nameEn: string; nameFr: string; autoTrmsEnabled: boolean } | null;
  school: { id: string; mident: string; nameEn: string; nameFr: string } | null;
};

export const isOcasAdmin = (a: Pick<Actor, "role">) => a.role === "OCAS_ADMIN";
/** Board administrators and OCAS administrators manage users and Auto-TRMS settings. */
export const canManageUsers = (a: Pick<Actor, "role">) => a.role === "OCAS_ADMIN" || a.role === "BOARD_ADMIN";
/** Users who see more than one school (and so the School column and filter). */
export const seesManySchools = (a: Pick<Actor, "role">) => a.role !== "SCHOOL_USER";
