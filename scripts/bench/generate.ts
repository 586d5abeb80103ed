// The benchmark data set of quality.md ("Scale to plan for"), generated in memory, batch by batch, the same on
// every run: 10 boards / 100 schools (one board holding 20 % of the requests), 24 colleges, 0.8 × N applicants,
// N requests paid over the three years before a fixed day (peaking before the February equal-consideration date),
// 1–3 destinations per request. Stored transcripts (0.2 × N) are added afterwards in SQL (dataset.ts).
//
// Rows are arrays in the column order of COLUMNS; dates and booleans are written by the target's Dialect, in the
// format Prisma's adapter writes them, so that the app's queries compare like with like.
import crypto from "node:crypto";
import { tabOfStatus, type RequestStatus } from "@/lib/domain/statuses";
import { oenCheckDigit } from "@/prisma/seed/applicants";
import { mulberry32 } from "@/prisma/seed/prng";
import { drawMiddleName, drawName, emailPart, type Name } from "./names";

/** Bump when the generated data changes: a cached benchmark database of another version is rebuilt. */
export const DATASET_VERSION = 2;

const DAY_MS = 86_400_000;
/** The data set's "today" (a Toronto midnight), fixed so that the data never depends on the clock. */
export const END_MS = Date.UTC(2026, 10, 28, 5, 0, 0);
const DAYS = 3 * 365;
export const START_MS = END_MS - DAYS * DAY_MS;

export type Dialect = {
  name: "sqlite" | "postgres";
  /** A timestamp as the Prisma adapter stores it. */
  ts(ms: number): string;
  bool(b: boolean): unknown;
};

const dayPrefixes = new Map<number, string>();
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `new Date(ms).toISOString()` without its "Z", several times faster (millions of calls per build). */
function isoWithoutZone(ms: number, separator: "T" | " "): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${prefix}${separator}${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(rest - s * 1000, 3)}`;
}

export const SQLITE_DIALECT: Dialect = {
  name: "sqlite",
  // @prisma/adapter-better-sqlite3, timestampFormat "iso8601" (the default): ISO 8601 with "+00:00".
  ts: (ms) => `${isoWithoutZone(ms, "T")}+00:00`,
  bool: (b) => (b ? 1 : 0),
};

export const POSTGRES_DIALECT: Dialect = {
  name: "postgres",
  // TIMESTAMP(3) without time zone, holding UTC (what Prisma writes).
  ts: (ms) => isoWithoutZone(ms, " "),
  bool: (b) => b,
};

export const COLUMNS = {
  Board: ["id", "number", "nameEn", "nameFr", "language", "autoTrmsEnabled", "createdAt", "updatedAt"],
  School: ["id", "mident", "nameEn", "nameFr", "city", "boardId", "createdAt"],
  College: ["id", "code", "nameEn", "nameFr", "createdAt"],
  Applicant: [
    "id",
    "accountNumber",
    "firstName",
    "middleName",
    "lastName",
    "formerLastName",
    "dateOfBirth",
    "gender",
    "oen",
    "studentNumber",
    "email",
    "phone",
    "preferredLanguage",
    "createdAt",
    "updatedAt",
  ],
  TranscriptRequest: [
    "id",
    "referenceNumber",
    "requestNumber",
    "accountNumber",
    "intakeHash",
    "applicantId",
    "schoolId",
    "boardId",
    "requestType",
    "paidAt",
    "sendOption",
    "sendAfter",
    "lastAttended",
    "status",
    "tab",
    "statusReason",
    "statusChangedAt",
    "completedAt",
    "version",
    "firstName",
    "lastName",
    "firstNameFolded",
    "lastNameFolded",
    "oen",
    "createdAt",
    "updatedAt",
  ],
  RequestDestination: ["requestId", "collegeId"],
} as const;
export type Table = keyof typeof COLUMNS;

type BoardSpec = { number: string; nameEn: string; nameFr: string; share: number; schools: number; french: number; auto: boolean };

// One board holds 20 % of the requests (quality.md); two boards are French-language; two use Auto-TRMS.
const BOARDS: readonly BoardSpec[] = [
  {
    number: "66001",
    nameEn: "Lakeshore District School Board",
    nameFr: "Conseil scolaire de district Lakeshore",
    share: 0.2,
    schools: 19,
    french: 0.08,
    auto: true,
  },
  {
    number: "66002",
    nameEn: "Maple Valley District School Board",
    nameFr: "Conseil scolaire de district Maple Valley",
    share: 0.12,
    schools: 9,
    french: 0.06,
    auto: false,
  },
  {
    number: "66003",
    nameEn: "Grand River Catholic District School Board",
    nameFr: "Conseil scolaire catholique Grand River",
    share: 0.11,
    schools: 9,
    french: 0.1,
    auto: false,
  },
  {
    number: "66004",
    nameEn: "Conseil scolaire Viamonde (bench)",
    nameFr: "Conseil scolaire Viamonde (banc d'essai)",
    share: 0.1,
    schools: 9,
    french: 0.92,
    auto: true,
  },
  {
    number: "66005",
    nameEn: "Trillium Lakelands District School Board",
    nameFr: "Conseil scolaire de district Trillium Lakelands",
    share: 0.09,
    schools: 9,
    french: 0.05,
    auto: false,
  },
  {
    number: "66006",
    nameEn: "Thames Valley District School Board",
    nameFr: "Conseil scolaire de district Thames Valley",
    share: 0.09,
    schools: 9,
    french: 0.04,
    auto: false,
  },
  {
    number: "66007",
    nameEn: "Bluewater District School Board",
    nameFr: "Conseil scolaire de district Bluewater",
    share: 0.08,
    schools: 9,
    french: 0.05,
    auto: false,
  },
  {
    number: "66008",
    nameEn: "Conseil scolaire catholique MonAvenir (bench)",
    nameFr: "Conseil scolaire catholique MonAvenir (banc d'essai)",
    share: 0.08,
    schools: 9,
    french: 0.9,
    auto: false,
  },
  {
    number: "66009",
    nameEn: "Rainbow District School Board",
    nameFr: "Conseil scolaire de district Rainbow",
    share: 0.07,
    schools: 9,
    french: 0.12,
    auto: false,
  },
  {
    number: "66010",
    nameEn: "Keewatin-Patricia District School Board",
    nameFr: "Conseil scolaire de district Keewatin-Patricia",
    share: 0.06,
    schools: 9,
    french: 0.03,
    auto: false,
  },
];

const CITIES = ["Toronto", "Ottawa", "Hamilton", "London", "Sudbury", "Kingston", "Windsor", "Barrie", "Thunder Bay", "Timmins"];

const COLLEGE_CODES = [
  "ALGO",
  "BORE",
  "CAMB",
  "CANA",
  "CENT",
  "CONE",
  "CONF",
  "DURH",
  "FANS",
  "FLEM",
  "GBTC",
  "GEOR",
  "HUMB",
  "LACI",
  "LAMB",
  "LOYT",
  "MOHK",
  "NIAG",
  "NORT",
  "SAUL",
  "SENE",
  "SHER",
  "SLAW",
  "STCL",
];

// Requests per day follow the school year: most in November–January, before the February 1 equal-consideration
// date; few in summer and at weekends.
const MONTH_WEIGHT = [1.6, 0.9, 0.8, 0.8, 0.9, 0.9, 0.55, 0.55, 0.8, 1.0, 1.3, 1.4];

const INCOMPLETE_STATUSES: readonly [RequestStatus, number][] = [
  ["INCOMPLETE_ACTION_REQUIRED", 4],
  ["FINANCIAL_HOLD", 5],
  ["NO_ACADEMIC_DATA", 4],
  ["STUDENT_NOT_FOUND", 6],
  ["FILE_UPLOAD_ERROR", 3],
];
const INCOMPLETE_TOTAL = INCOMPLETE_STATUSES.reduce((s, [, w]) => s + w, 0);

export type ReferenceData = {
  boards: {
    id: string;
    number: string;
    nameEn: string;
    nameFr: string;
    share: number;
    auto: boolean;
    french: number;
    schools: { id: string; mident: string; weight: number }[];
  }[];
  colleges: { id: string; code: string }[];
  rows: { Board: unknown[][]; School: unknown[][]; College: unknown[][] };
};

const B36 = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A cuid-like id ("c" + time + counter + random, 25 characters): in creation order, as Prisma's cuid() is. */
function cuidLike(ms: number, counter: number, rnd: () => number): string {
  let random = "";
  for (let k = 0; k < 12; k++) random += B36[Math.floor(rnd() * 36)];
  return `c${ms.toString(36).padStart(8, "0")}${(counter % 36 ** 4).toString(36).padStart(4, "0")}${random}`;
}

export function referenceData(d: Dialect): ReferenceData {
  const rnd = mulberry32(0x0b0a_4d01);
  const created = START_MS - 30 * DAY_MS;
  let counter = 0;
  const rows: ReferenceData["rows"] = { Board: [], School: [], College: [] };
  const boards: ReferenceData["boards"] = [];
  let schoolNumber = 0;
  for (const spec of BOARDS) {
    const id = cuidLike(created, counter++, rnd);
    rows.Board.push([id, spec.number, spec.nameEn, spec.nameFr, spec.french > 0.5 ? "fr" : "en", d.bool(spec.auto), d.ts(created), d.ts(created)]);
    const schools: ReferenceData["boards"][number]["schools"] = [];
    for (let k = 0; k < spec.schools; k++) {
      schoolNumber++;
      const schoolId = cuidLike(created, counter++, rnd);
      const mident = String(880_000 + schoolNumber * 37);
      const nameEn = `${spec.nameEn.split(" ")[0]} Secondary School ${String(k + 1).padStart(2, "0")}`;
      const nameFr = `École secondaire ${spec.nameEn.split(" ")[0]} ${String(k + 1).padStart(2, "0")}`;
      rows.School.push([schoolId, mident, nameEn, nameFr, CITIES[(schoolNumber - 1) % CITIES.length], id, d.ts(created)]);
      // Schools differ in size: weights 1, 2, 3.
      schools.push({ id: schoolId, mident, weight: 1 + (k % 3) });
    }
    boards.push({ id, number: spec.number, nameEn: spec.nameEn, nameFr: spec.nameFr, share: spec.share, auto: spec.auto, french: spec.french, schools });
  }
  const colleges = COLLEGE_CODES.map((code) => {
    const id = cuidLike(created, counter++, rnd);
    rows.College.push([id, code, `${code} College`, `Collège ${code}`, d.ts(created)]);
    return { id, code };
  });
  return { boards, colleges, rows };
}

/** How many requests are paid on each day: proportional to the day's weight, summing exactly to `size`. */
function requestsPerDay(size: number): number[] {
  const weights: number[] = [];
  for (let day = 0; day < DAYS; day++) {
    const date = new Date(START_MS + day * DAY_MS);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    weights.push(MONTH_WEIGHT[date.getUTCMonth()]! * (weekend ? 0.3 : 1));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let cumulative = 0;
  let assigned = 0;
  for (const w of weights) {
    cumulative += w;
    const upTo = Math.round((size * cumulative) / total);
    counts.push(upTo - assigned);
    assigned = upTo;
  }
  return counts;
}

function pickWeighted<T>(rnd: () => number, items: readonly T[], weight: (t: T) => number, total: number): T {
  let r = rnd() * total;
  for (const item of items) {
    r -= weight(item);
    if (r < 0) return item;
  }
  return items[items.length - 1]!;
}

function yearMonth(ms: number, monthsBack: number): string {
  const date = new Date(ms);
  const m = date.getUTCFullYear() * 12 + date.getUTCMonth() - monthsBack;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
}

/** The next February 1 or July 1 (Toronto midnight, EST/EDT approximated as 05:00/04:00 UTC) after `ms`. */
function endOfSemesterAfter(ms: number): number {
  const date = new Date(ms);
  const y = date.getUTCFullYear();
  const candidates = [Date.UTC(y, 1, 1, 5), Date.UTC(y, 6, 1, 4), Date.UTC(y + 1, 1, 1, 5)];
  return candidates.find((c) => c > ms)!;
}

type ApplicantState = { id: string; accountNumber: string; name: Name; oen: string | null; board: ReferenceData["boards"][number] };

export type Batch = { Applicant: unknown[][]; TranscriptRequest: unknown[][]; RequestDestination: unknown[][] };

/** The applicants, requests and destinations, in batches of about `batchSize` requests, in payment order. */
export function* requestBatches(size: number, d: Dialect, ref: ReferenceData, batchSize = 2_000): Generator<Batch> {
  const rnd = mulberry32(0x7e57_0001 ^ size);
  const idRnd = mulberry32(0x1d5_0001);
  const boardShareTotal = ref.boards.reduce((s, b) => s + b.share, 0);
  const schoolWeightTotals = new Map(ref.boards.map((b) => [b.id, b.schools.reduce((s, x) => s + x.weight, 0)]));
  const perDay = requestsPerDay(size);
  // The last new applicants: every fifth request is a second one of a recent applicant (another school of the
  // same board), so that exactly 0.8 × N applicants have 1.25 requests on average.
  const recent: ApplicantState[] = [];
  let batch: Batch = { Applicant: [], TranscriptRequest: [], RequestDestination: [] };
  let i = 0;
  let applicantCount = 0;

  for (let day = 0; day < DAYS; day++) {
    const n = perDay[day]!;
    if (n === 0) continue;
    const dayStart = START_MS + day * DAY_MS;
    // Payments between 06:00 and 24:00 Toronto time, in order.
    const times = Array.from({ length: n }, () => dayStart + 6 * 3_600_000 + Math.floor(rnd() * 18 * 3_600_000)).sort((a, b) => a - b);
    for (const ms of times) {
      const repeat = i % 5 === 4 && recent.length > 0;
      let applicant: ApplicantState;
      let school: { id: string; mident: string };
      if (repeat) {
        applicant = recent[Math.floor(rnd() * recent.length)]!;
        const board = applicant.board;
        school = pickWeighted(rnd, board.schools, (s) => s.weight, schoolWeightTotals.get(board.id)!);
      } else {
        const board = pickWeighted(rnd, ref.boards, (b) => b.share, boardShareTotal);
        school = pickWeighted(rnd, board.schools, (s) => s.weight, schoolWeightTotals.get(board.id)!);
        const j = applicantCount++;
        const french = rnd() < board.french;
        const name = drawName(rnd, french);
        const first8 = String((j * 48_271 + 10_000_019) % 100_000_000).padStart(8, "0");
        const oen = rnd() < 0.04 || first8 === "00000000" ? null : first8 + oenCheckDigit(first8);
        const accountNumber = String(10_000_000 + ((j * 7_777_777 + 1_234_567) % 90_000_000));
        const id = cuidLike(ms - 600_000, j, idRnd);
        const paidYear = new Date(ms).getUTCFullYear();
        const birthYear = paidYear - 17 - (rnd() < 0.25 ? 1 + Math.floor(rnd() * 10) : 0);
        const dob = `${birthYear}-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`;
        const gender = rnd() < 0.02 ? "X" : name.masculine ? "MALE" : "FEMALE";
        const created = d.ts(ms - 600_000);
        batch.Applicant.push([
          id,
          accountNumber,
          name.first,
          drawMiddleName(rnd, french),
          name.last,
          rnd() < 0.01 ? "Martin" : null,
          dob,
          gender,
          oen,
          rnd() < 0.5 ? String(300_000_000 + j) : null,
          `${emailPart(name.first)}.${emailPart(name.last)}.${j}@example.org`,
          rnd() < 0.7 ? `416-555-${String(j % 10_000).padStart(4, "0")}` : null,
          french ? "fr" : "en",
          created,
          created,
        ]);
        applicant = { id, accountNumber, name, oen, board };
        recent.push(applicant);
        if (recent.length > 4) recent.shift();
      }

      const ageDays = (END_MS - ms) / DAY_MS;
      // Most requests are complete; the open ones are mostly recent.
      const pOpen = ageDays < 30 ? 0.85 : ageDays < 180 ? 0.35 : 0.12;
      let status: RequestStatus;
      if (rnd() < pOpen) {
        const r = rnd();
        if (r < 0.55) status = applicant.board.auto && rnd() < 0.35 ? "AUTO_PROCESS_ERROR" : "ACTION_REQUIRED";
        else if (r < 0.88) status = pickWeighted(rnd, INCOMPLETE_STATUSES, ([, w]) => w, INCOMPLETE_TOTAL)[0];
        else status = "TRANSCRIPT_UPLOADED";
      } else {
        const r = rnd();
        status = r < 0.72 ? "E_TRANSCRIPT_SENT" : r < 0.9 ? "PAPER_TRANSCRIPT_SENT" : "REQUEST_CANCELLED";
      }
      const tab = tabOfStatus(status);
      const changed = Math.min(END_MS, ms + Math.floor(rnd() * Math.min(ageDays, 15) * DAY_MS));
      const endOfSemester = rnd() < 0.15;
      const statusReason =
        status === "AUTO_PROCESS_ERROR" ? '{"key":"autoTrms.noMatch"}' : status === "FILE_UPLOAD_ERROR" ? '{"key":"upload.invalidPesc"}' : null;
      const id = cuidLike(ms, i, idRnd);
      const referenceNumber = `REF-${String((i * 2_654_435_761 + 12_345_678) % 100_000_000).padStart(8, "0")}`;
      const requestNumber = String(100_000_000 + ((i * 40_507 + 777) % 900_000_000));
      const intakeHash = crypto.createHash("sha256").update(requestNumber).digest("hex");
      batch.TranscriptRequest.push([
        id,
        referenceNumber,
        requestNumber,
        applicant.accountNumber,
        intakeHash,
        applicant.id,
        school.id,
        applicant.board.id,
        rnd() < (repeat ? 0.25 : 0.05) ? "REISSUE" : "ORIGINAL",
        d.ts(ms),
        endOfSemester ? "END_OF_SEMESTER" : "SEND_NOW",
        endOfSemester ? d.ts(endOfSemesterAfter(ms)) : null,
        yearMonth(ms, rnd() < 0.75 ? 0 : 1 + Math.floor(rnd() * 24)),
        status,
        tab,
        statusReason,
        d.ts(changed),
        tab === "COMPLETE" ? d.ts(changed) : null,
        tab === "COMPLETE" ? 2 : tab === "TODO" ? 0 : 1,
        applicant.name.first,
        applicant.name.last,
        applicant.name.firstFolded,
        applicant.name.lastFolded,
        applicant.oen,
        d.ts(ms),
        d.ts(changed),
      ]);
      const destinations = 1 + (rnd() < 0.3 ? 1 : 0) + (rnd() < 0.1 ? 1 : 0);
      const first = Math.floor(rnd() * ref.colleges.length);
      for (let k = 0; k < destinations; k++) {
        batch.RequestDestination.push([id, ref.colleges[(first + k * 7) % ref.colleges.length]!.id]);
      }
      i++;
      if (batch.TranscriptRequest.length >= batchSize) {
        yield batch;
        batch = { Applicant: [], TranscriptRequest: [], RequestDestination: [] };
      }
    }
  }
  if (batch.TranscriptRequest.length > 0) yield batch;
}
