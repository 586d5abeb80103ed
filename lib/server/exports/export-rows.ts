import "server-only";
import type { Actor } from "@/lib/auth/roles";
import type { RequestSearch } from "@/lib/domain/request-search";
import { answeredBy, type Answer } from "@/lib/domain/reports/statistics";
import { isComplete, type RequestStatus } from "@/lib/domain/statuses";
import { requestOrderBy, requestWhere } from "@/lib/server/requests/request-where";
import { openExportReader, type ExportReader } from "@/lib/server/sql/export-reader";
import { orderJoins, orderSql, SqlParams, whereSql, type Dialect } from "@/lib/server/sql/request-sql";
import { keysetAfter, keysetKeys, keysetOrderBy, type KeysetRow } from "@/lib/server/sql/keyset";
import { torontoDays } from "@/lib/domain/toronto-days";

export const EXPORT_BATCH_SIZE = 1000;

// The ids of a request's destination colleges joined in one text with the unit separator, a control character ids
// never hold; their codes come from a map of the (few) colleges, read once per export, and are sorted in JS. Read
// from the destinations' primary key alone: joining College in the subquery cost PostgreSQL a hash join per request,
// half of each batch's time (EXPLAIN ANALYZE on the 1M set, 1,000 rows: 14.7 → 7.5 ms median).
const COLLEGES = {
  sqlite: `(SELECT group_concat(d."collegeId", char(31)) FROM "RequestDestination" d WHERE d."requestId" = r."id")`,
  postgresql: `(SELECT string_agg(d."collegeId", chr(31)) FROM "RequestDestination" d WHERE d."requestId" = r."id")`,
};

// The request, its applicant and its destinations' college ids, in this order (the row's array indexes below;
// aliases unique, as PostgreSQL rows come back as objects). The school is looked up in a map of the (few)
// schools. The applicant is a LEFT JOIN (every request has one) so that the request is always the outer loop of
// the plan: with an inner join SQLite's planner, given statistics, may start from another table and sort the whole
// export (for keyset batches: for each batch; measured 0.5–0.7 s per batch at some positions).
// The Detailed report's columns (withAnswer): when the request was completed, and what answered it — the current
// transcript's source and format (an e-transcript) or the latest file's kind (In Progress), looked up only for the
// requests in those statuses.
const ANSWER = {
  sqlite: `, r."completedAt", r."applicantId",
  CASE WHEN r."status" = 'E_TRANSCRIPT_SENT' THEN (SELECT t."source" || ':' || t."format" FROM "StoredTranscript" t WHERE t."requestId" = r."id" AND t."isCurrent" = 1 ORDER BY t."createdAt" DESC LIMIT 1) END AS "transcript",
  CASE WHEN r."status" = 'TRANSCRIPT_UPLOADED' THEN (SELECT f."kind" FROM "UploadedFile" f WHERE f."requestId" = r."id" ORDER BY f."createdAt" DESC LIMIT 1) END AS "uploadKind"`,
  postgresql: `, r."completedAt", r."applicantId",
  CASE WHEN r."status" = 'E_TRANSCRIPT_SENT' THEN (SELECT t."source"::text || ':' || t."format"::text FROM "StoredTranscript" t WHERE t."requestId" = r."id" AND t."isCurrent" ORDER BY t."createdAt" DESC LIMIT 1) END AS "transcript",
  CASE WHEN r."status" = 'TRANSCRIPT_UPLOADED' THEN (SELECT f."kind"::text FROM "UploadedFile" f WHERE f."requestId" = r."id" ORDER BY f."createdAt" DESC LIMIT 1) END AS "uploadKind"`,
};

const SELECT = (
  dialect: Dialect,
  joins: string,
  withAnswer = false,
) => `SELECT r."id", r."referenceNumber", r."requestNumber", r."accountNumber", r."firstName", r."lastName",
  r."firstNameFolded", r."lastNameFolded", r."paidAt", r."requestType", r."lastAttended", r."sendOption", r."sendAfter", r."status", r."schoolId",
  a."firstName" AS "applicantFirstName", a."middleName", a."lastName" AS "applicantLastName", a."formerLastName", a."dateOfBirth",
  a."gender", a."oen", a."studentNumber", a."email", a."phone", a."preferredLanguage",
  ${COLLEGES[dialect]} AS "colleges"${withAnswer ? ANSWER[dialect] : ""}
FROM "TranscriptRequest" r
LEFT JOIN "Applicant" a ON a."id" = r."applicantId"${joins ? `\n${joins}` : ""}`;

type School = ExportRow["school"];

/**
 * A table of reference data (schools, colleges) by id, read once per export, and again if a row names one that
 * was added since (between two keyset batches).
 */
function lookup<T>(reader: ExportReader, what: string, sql: string, value: (row: unknown[]) => T) {
  let byId = new Map<string, T>();
  const load = async () => {
    byId = new Map((await reader.rows(sql, [])).map((r) => [String(r[0]), value(r)]));
  };
  return {
    load,
    async ensure(ids: Iterable<string>) {
      for (const id of ids) {
        if (byId.has(id)) continue;
        await load();
        if (!byId.has(id)) throw new Error(`export: ${what} ${id} not found`);
      }
    },
    get: (id: string) => byId.get(id)!,
  };
}

const schoolLookup = (reader: ExportReader) =>
  lookup<School>(reader, "school", `SELECT "id", "mident", "nameEn", "nameFr" FROM "School"`, (r) => ({
    mident: String(r[1]),
    nameEn: String(r[2]),
    nameFr: String(r[3]),
  }));

const collegeLookup = (reader: ExportReader) => lookup<string>(reader, "college", `SELECT "id", "code" FROM "College"`, (r) => String(r[1]));

/** The college ids of a row (raw[26]). */
const collegeIds = (raw: Raw): string[] => (typeof raw[26] === "string" && raw[26] !== "" ? raw[26].split("\u001f") : []);

/** The school and college lookups of one export. */
type References = { schools: ReturnType<typeof schoolLookup>; colleges: ReturnType<typeof collegeLookup> };

async function loadReferences(reader: ExportReader): Promise<References> {
  const references = { schools: schoolLookup(reader), colleges: collegeLookup(reader) };
  await references.schools.load();
  await references.colleges.load();
  return references;
}

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
  /** With `withAnswer` (the Detailed report): completion and what answered the request. */
  answer?: RequestAnswer;
};

export type RequestAnswer = {
  applicantId: string;
  /** The Toronto date a request of the Complete tab was completed. */
  completedOn: string | null;
  /** Business days from the request date to completion (completed requests) or to now (the others). */
  age: number;
  answeredBy: Answer | null;
};

/** What answered a request, from its status, its current transcript ("SOURCE:FORMAT") and its latest file's kind. */
export function requestAnswer(status: RequestStatus, transcript: string | null, uploadKind: string | null): Answer | null {
  const [source, format] = transcript ? transcript.split(":") : [];
  return answeredBy(
    status,
    source && format ? { source: source as "MANUAL" | "AUTO_TRMS" | "BULK", format: format as "XML" | "PDF" } : null,
    uploadKind === "XML" || uploadKind === "PDF" ? uploadKind : null,
  );
}

/**
 * How the rows are read. "statement": one statement for the whole export, streamed as it is pulled, sorted once
 * by the database whatever the order (SQLite in WAL mode). "keyset": one statement per batch, each starting after
 * the last row of the one before (PostgreSQL, and SQLite in another journal mode).
 */
export type ExportReading = "statement" | "keyset";

export type ExportOptions = {
  actor: Actor;
  search: RequestSearch;
  batchSize?: number;
  /** At most this many rows (the PDF's cap); every matching row by default. */
  limit?: number;
  /** The instant ages are computed at (default: now), the same for every row of one export. */
  now?: Date;
  /** Default: "statement" where the database allows it (tests choose). */
  reading?: ExportReading;
  /** Also read the Detailed report's columns (ExportRow.answer). */
  withAnswer?: boolean;
};

type Raw = unknown[];
const text = (v: unknown) => v as string;
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));
const instant = (v: unknown) => v as Date | string;

/** The position after a row, from its raw columns (timestamps as the database returned them). */
function keysetRow(raw: Raw, school: School): KeysetRow {
  return {
    id: text(raw[0]),
    referenceNumber: text(raw[1]),
    firstNameFolded: text(raw[6]),
    lastNameFolded: text(raw[7]),
    paidAt: instant(raw[8]),
    requestType: raw[9] as KeysetRow["requestType"],
    lastAttended: text(raw[10]),
    sendOption: raw[11] as KeysetRow["sendOption"],
    sendAfter: raw[12] === null ? null : instant(raw[12]),
    status: raw[13] as KeysetRow["status"],
    school: { mident: school.mident },
  };
}

/**
 * The rows of an export, a batch at a time: the dashboard's query (scope, search, tab or statuses) in the
 * dashboard's order, with memory and the cost of each batch constant whatever the size of the export. The page
 * parameter is ignored: an export is every page.
 *
 * Plain SQL (no ORM objects; docs/decisions/0009-export-plain-sql.md) whose WHERE and ORDER BY are rendered from
 * the dashboard's own Prisma filter and order (export-sql.ts), read as one streamed statement or in keyset
 * batches (ExportReading).
 */
export async function* exportBatches(options: ExportOptions): AsyncGenerator<ExportRow[], void, undefined> {
  const { batchSize = EXPORT_BATCH_SIZE, limit = Number.POSITIVE_INFINITY } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size ${batchSize}`);
  if (limit !== Number.POSITIVE_INFINITY && (!Number.isInteger(limit) || limit < 0)) throw new RangeError(`limit ${limit}`);
  const reader = openExportReader();
  try {
    const reading = options.reading ?? (reader.streams ? "statement" : "keyset");
    if (reading === "statement" && !reader.streams) throw new Error("export: this database is read in keyset batches");
    const query = exportQuery(reader, options);
    yield* reading === "statement" ? statementBatches(reader, query, batchSize, limit) : keysetBatches(reader, query, batchSize, limit);
  } finally {
    reader.close();
  }
}

type ExportQuery = {
  where: ReturnType<typeof requestWhere>;
  keys: ReturnType<typeof keysetKeys>;
  select: string;
  order: string;
  days: ReturnType<typeof torontoDays>;
  withAnswer: boolean;
};

function exportQuery(reader: ExportReader, { actor, search, now, withAnswer = false }: ExportOptions): ExportQuery {
  const keys = keysetKeys(requestOrderBy(search.sort, search.dir), reader.dialect);
  const orderBy = keysetOrderBy(keys);
  return {
    where: requestWhere(actor, search, { withStatus: true }),
    keys,
    select: SELECT(reader.dialect, orderJoins(orderBy), withAnswer),
    order: orderSql(orderBy),
    days: torontoDays(now ?? new Date()),
    withAnswer,
  };
}

/**
 * One statement, pulled `batchSize` rows at a time, in one read transaction: the export is one snapshot, the
 * database sorts once (an order no index gives costs one sort, not one per batch) and nothing is read ahead of the
 * client. In WAL mode a writer never waits for it; the WAL cannot be checkpointed past it until it ends.
 */
async function* statementBatches(reader: ExportReader, q: ExportQuery, batchSize: number, limit: number): AsyncGenerator<ExportRow[], void, undefined> {
  if (limit === 0) return;
  reader.snapshot();
  const refs = await loadReferences(reader);
  const params = new SqlParams(reader.dialect);
  const filter = whereSql(q.where, params);
  const capped = Number.isFinite(limit) ? `\nLIMIT ${params.add(limit, "integer")}` : "";
  const rows = reader.iterate(`${q.select}\nWHERE ${filter}\nORDER BY ${q.order}${capped}`, params.values);
  try {
    for (;;) {
      const batch: ExportRow[] = [];
      while (batch.length < batchSize) {
        const next = rows.next();
        if (next.done) break;
        // The maps were read in the same snapshot: every request's school and colleges are in them.
        batch.push(toExportRow(next.value, refs, q));
      }
      if (batch.length === 0) return;
      yield batch;
      if (batch.length < batchSize) return;
    }
  } finally {
    rows.return?.();
  }
}

/**
 * One statement per batch, each starting strictly after the last row of the batch before (keyset.ts), so that
 * every batch costs the same, no snapshot is held between batches, and no connection is held by the export.
 */
async function* keysetBatches(reader: ExportReader, q: ExportQuery, batchSize: number, limit: number): AsyncGenerator<ExportRow[], void, undefined> {
  const refs = await loadReferences(reader);
  let last: KeysetRow | undefined;
  let left = limit;
  while (left > 0) {
    const take = Math.min(batchSize, left);
    const params = new SqlParams(reader.dialect);
    // The keyset condition first: without planner statistics SQLite bounds its index range with the first of two
    // equally good terms on a column (here "before the last row" rather than the search's end date, which would
    // have every batch step over the rows of the batches before it).
    const filter = whereSql(last ? { AND: [keysetAfter(q.keys, last), q.where] } : q.where, params);
    const batch = await reader.rows(`${q.select}\nWHERE ${filter}\nORDER BY ${q.order}\nLIMIT ${params.add(take, "integer")}`, params.values);
    if (batch.length === 0) return;
    await refs.schools.ensure(batch.map((raw) => text(raw[14])));
    await refs.colleges.ensure(batch.flatMap(collegeIds));
    yield batch.map((raw) => toExportRow(raw, refs, q));
    if (batch.length < take) return;
    const end = batch.at(-1)!;
    last = keysetRow(end, refs.schools.get(text(end[14])));
    left -= batch.length;
  }
}

function toExportRow(raw: Raw, refs: References, q: Pick<ExportQuery, "days" | "withAnswer">): ExportRow {
  const { days } = q;
  const paidAt = instant(raw[8]);
  const row: ExportRow = {
    id: text(raw[0]),
    referenceNumber: text(raw[1]),
    requestNumber: text(raw[2]),
    accountNumber: text(raw[3]),
    requestDate: days.date(paidAt),
    age: days.age(paidAt),
    firstName: text(raw[4]),
    lastName: text(raw[5]),
    requestType: raw[9] as ExportRow["requestType"],
    lastAttended: text(raw[10]),
    sendOption: raw[11] as ExportRow["sendOption"],
    sendAfter: raw[12] === null ? null : days.date(instant(raw[12])),
    status: raw[13] as RequestStatus,
    school: refs.schools.get(text(raw[14])),
    applicant: {
      firstName: text(raw[15]),
      middleName: textOrNull(raw[16]),
      lastName: text(raw[17]),
      formerLastName: textOrNull(raw[18]),
      dateOfBirth: text(raw[19]),
      gender: text(raw[20]),
      oen: textOrNull(raw[21]),
      studentNumber: textOrNull(raw[22]),
      email: text(raw[23]),
      phone: textOrNull(raw[24]),
      preferredLanguage: text(raw[25]),
    },
    colleges: collegeIds(raw)
      .map((id) => refs.colleges.get(id))
      .sort(),
  };
  if (q.withAnswer) {
    const completedAt = raw[27] === null || raw[27] === undefined ? null : instant(raw[27]);
    const completed = completedAt !== null && isComplete(row.status);
    row.answer = {
      applicantId: text(raw[28]),
      completedOn: completed ? days.date(completedAt) : null,
      age: completed ? days.elapsed(paidAt, completedAt) : row.age,
      answeredBy: requestAnswer(row.status, textOrNull(raw[29]), textOrNull(raw[30])),
    };
  }
  return row;
}

/** The rows of an export one at a time (see exportBatches). */
export async function* exportRows(options: ExportOptions): AsyncGenerator<ExportRow, void, undefined> {
  for await (const batch of exportBatches(options)) yield* batch;
}
