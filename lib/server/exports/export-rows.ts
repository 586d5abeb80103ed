import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/auth/roles";
import type { RequestSearch } from "@/lib/domain/request-search";
import type { RequestStatus } from "@/lib/domain/statuses";
import { isPostgres } from "@/scripts/database-url.mjs";
import { requestOrderBy, requestWhere } from "@/lib/server/requests/request-where";
import { keysetAfter, keysetKeys, keysetOrderBy, type KeysetRow } from "./keyset";
import { torontoDays } from "./toronto-days";

export const EXPORT_BATCH_SIZE = 1000;

// One findMany per batch: the request, its school, its applicant and its destinations' college codes.
const EXPORT_SELECT = {
  id: true,
  referenceNumber: true,
  requestNumber: true,
  accountNumber: true,
  firstName: true,
  lastName: true,
  // Sort keys only (the position of the next batch).
  firstNameFolded: true,
  lastNameFolded: true,
  paidAt: true,
  requestType: true,
  lastAttended: true,
  sendOption: true,
  sendAfter: true,
  status: true,
  school: { select: { mident: true, nameEn: true, nameFr: true } },
  applicant: {
    select: {
      firstName: true,
      middleName: true,
      lastName: true,
      formerLastName: true,
      dateOfBirth: true,
      gender: true,
      oen: true,
      studentNumber: true,
      email: true,
      phone: true,
      preferredLanguage: true,
    },
  },
  destinations: { select: { college: { select: { code: true } } } },
} as const;

/** One request as exported: every dashboard column plus the applicant's details and the destination colleges. */
export type ExportRow = {
  id: string;
  referenceNumber: string;
  requestNumber: string;
  accountNumber: string;
  /** The date the request was paid, as a Toronto date YYYY-MM-DD. */
  requestDate: string;
  /** Business days since the request was paid. */
  age: number;
  /** First and last name as on the application (the dashboard's Name). */
  firstName: string;
  lastName: string;
  requestType: "ORIGINAL" | "REISSUE";
  /** YYYY-MM. */
  lastAttended: string;
  sendOption: "SEND_NOW" | "END_OF_SEMESTER";
  /** The Toronto date a Send at End of Semester request becomes due, YYYY-MM-DD. */
  sendAfter: string | null;
  status: RequestStatus;
  school: { mident: string; nameEn: string; nameFr: string };
  applicant: {
    firstName: string;
    middleName: string | null;
    lastName: string;
    formerLastName: string | null;
    dateOfBirth: string;
    gender: string;
    oen: string | null;
    studentNumber: string | null;
    email: string;
    phone: string | null;
    preferredLanguage: string;
  };
  /** College codes of the destinations, sorted. */
  colleges: string[];
};

export type ExportOptions = {
  actor: Actor;
  search: RequestSearch;
  batchSize?: number;
  /** At most this many rows (the PDF's cap); every matching row by default. */
  limit?: number;
  /** The instant ages are computed at (default: now), the same for every row of one export. */
  now?: Date;
};

/**
 * The rows of an export, a batch at a time: the dashboard's query (scope, search, tab or statuses) in the
 * dashboard's order, read with keyset pagination so that memory and the cost of each batch stay constant
 * whatever the size of the export. The page parameter is ignored: an export is every page.
 */
export async function* exportBatches(options: ExportOptions): AsyncGenerator<ExportRow[], void, undefined> {
  const { actor, search, batchSize = EXPORT_BATCH_SIZE, limit = Number.POSITIVE_INFINITY } = options;
  const days = torontoDays(options.now ?? new Date());
  const where = requestWhere(actor, search, { withStatus: true });
  const keys = keysetKeys(requestOrderBy(search.sort, search.dir), isPostgres(env().DATABASE_URL) ? "postgresql" : "sqlite");
  const orderBy = keysetOrderBy(keys);
  let last: KeysetRow | undefined;
  let left = limit;
  while (left > 0) {
    const take = Math.min(batchSize, left);
    const batch = await db.transcriptRequest.findMany({
      where: last ? { AND: [where, keysetAfter(keys, last)] } : where,
      orderBy,
      take,
      select: EXPORT_SELECT,
    });
    if (batch.length === 0) return;
    yield batch.map((r) => ({
      id: r.id,
      referenceNumber: r.referenceNumber,
      requestNumber: r.requestNumber,
      accountNumber: r.accountNumber,
      requestDate: days.date(r.paidAt),
      age: days.age(r.paidAt),
      firstName: r.firstName,
      lastName: r.lastName,
      requestType: r.requestType,
      lastAttended: r.lastAttended,
      sendOption: r.sendOption,
      sendAfter: r.sendAfter ? days.date(r.sendAfter) : null,
      status: r.status,
      school: r.school,
      applicant: r.applicant,
      colleges: r.destinations.map((d) => d.college.code).sort(),
    }));
    if (batch.length < take) return;
    last = batch.at(-1);
    left -= batch.length;
  }
}

/** The rows of an export one at a time (see exportBatches). */
export async function* exportRows(options: ExportOptions): AsyncGenerator<ExportRow, void, undefined> {
  for await (const batch of exportBatches(options)) yield* batch;
}
