import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { collegeEndpointState, type EndpointState } from "@/lib/domain/transmission/endpoint-state";
import { COLLEGE_CODE_MAX_LENGTH } from "./college-schema";

// The colleges as the administration pages may show them (contracts §10), OCAS administrators only: everything but
// the signing secret, of which only whether one is set, and since when, ever leaves the server.

export const COLLEGE_SELECT = {
  id: true,
  code: true,
  nameEn: true,
  nameFr: true,
  deliveryUrl: true,
  deliverySecret: true,
  secretSetAt: true,
  deliveryDisabledAt: true,
  active: true,
  updatedAt: true,
} as const;

export type CollegeRow = {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
  deliveryUrl: string | null;
  deliverySecret: string | null;
  secretSetAt: Date | null;
  deliveryDisabledAt: Date | null;
  active: boolean;
  updatedAt: Date;
};

export type VisibleCollege = Omit<CollegeRow, "deliverySecret"> & {
  /** Whether a signing secret is stored; the secret itself never leaves the server. */
  hasSecret: boolean;
  endpoint: EndpointState;
};

/** A college row without its secret. */
export function visibleCollege(row: CollegeRow): VisibleCollege {
  const { deliverySecret, ...rest } = row;
  const hasSecret = deliverySecret !== null && deliverySecret !== "";
  return { ...rest, hasSecret, endpoint: collegeEndpointState({ ...rest, hasSecret }) };
}

/** Every college, by code; null for anyone but an OCAS administrator. */
export async function listColleges(options: { actor: Pick<Actor, "role"> }): Promise<VisibleCollege[] | null> {
  if (!isOcasAdmin(options.actor)) return null;
  const rows = await db.college.findMany({ select: COLLEGE_SELECT, orderBy: { code: "asc" } });
  return rows.map(visibleCollege);
}

/** One college by its code; null when unknown, or for anyone but an OCAS administrator. */
export async function getCollege(options: { actor: Pick<Actor, "role">; code: string }): Promise<VisibleCollege | null> {
  if (!isOcasAdmin(options.actor)) return null;
  const code = options.code.trim();
  if (code === "" || code.length > COLLEGE_CODE_MAX_LENGTH) return null;
  const row = await db.college.findUnique({ where: { code }, select: COLLEGE_SELECT });
  return row ? visibleCollege(row) : null;
}

/** The colleges to filter the Transmission Log by: code and names, by code; empty for anyone else. */
export async function listCollegeChoices(options: { actor: Pick<Actor, "role"> }) {
  if (!isOcasAdmin(options.actor)) return [];
  return db.college.findMany({ select: { code: true, nameEn: true, nameFr: true }, orderBy: { code: "asc" } });
}
