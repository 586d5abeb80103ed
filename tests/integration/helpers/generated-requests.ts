import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { foldName } from "@/lib/domain/fold";
import { parseRequestSearch, SORT_KEYS, type RequestSearch } from "@/lib/domain/request-search";
import { REQUEST_STATUSES, tabOfStatus, TAB_PARAMS } from "@/lib/domain/statuses";
import { createRng, type Rng } from "@/prisma/seed/prng";
import { actorFor } from "./actors";
import { seedDemo } from "./seeded";

// Requests that make filters and orders hard, for the tests that compare the dashboard's Prisma queries with the
// SQL rendered from them (export-sql.test.ts, dashboard-sql.test.ts).

export const NOW = new Date("2026-11-28T15:00:00Z");
export const GENERATED = 1500;

const USERNAMES = ["demo.admin", "demo.board", "other.board", "demo.board.user", "demo.school", "demo.school2", "aurora.school", "boreale.school"];

// Names as typed on applications: accents, case, apostrophes of both kinds, letters NFKD keeps whole, emoji,
// markup and SQL that must stay values.
const FIRST_NAMES = ["Émilie", "emile", "ÉMILE", "Zoë", "Øyvind", "Anaïs", "Chloé", "🎓 Grad", "Jean-Luc", "jean luc", "Ève"];
const LAST_NAMES = [
  "Bélanger",
  "belanger",
  "BELL",
  "O'Neil",
  "O’Neil",
  "Strauß",
  "Straus",
  "Tremblay",
  "tremblay-roy",
  "Łukasz",
  "x' OR '1'='1",
  '"; DROP TABLE x; --',
  "Zoë 🎓",
];
const NAME_PREFIXES = [
  "emi",
  "ÉMI",
  "e",
  "zo",
  "zoë",
  "øy",
  "oy",
  "bel",
  "BÉL",
  "o'n",
  "o’n",
  "strau",
  "strauss",
  "trem",
  "tremblay-",
  "jean l",
  "łu",
  "lu",
  "x' or",
  '"; drop',
  "🎓",
  "-",
  "zz",
  "'",
];
const LAST_ATTENDED = ["2019-06", "2020-01", "2024-06", "2025-12", "2026-01"];
// Instants around Toronto midnights (EST and EDT) and daylight-saving changes, in UTC.
export const INSTANTS = [
  "2026-03-07T04:59:59.999Z",
  "2026-03-07T05:00:00.000Z",
  "2026-03-08T06:59:59.999Z",
  "2026-03-08T07:00:00.000Z",
  "2026-03-09T03:59:59.999Z",
  "2026-03-09T04:00:00.000Z",
  "2026-07-01T03:59:59.999Z",
  "2026-07-01T04:00:00.000Z",
  "2026-11-01T05:30:00.000Z",
  "2026-11-02T04:59:59.999Z",
  "2026-11-02T05:00:00.000Z",
  "2026-11-27T16:00:00.000Z",
];
const DATES = ["2026-03-07", "2026-03-08", "2026-03-09", "2026-06-30", "2026-07-01", "2026-11-01", "2026-11-02", "2026-11-27", "2026-11-28"];

/** Values that exist in the data, to search for. */
export type Pools = { requestNumbers: string[]; accountNumbers: string[]; referenceNumbers: string[]; oens: string[] };

/**
 * The demo data (as of NOW) plus GENERATED requests built to have ties, NULLs, accents, Toronto midnights and
 * daylight-saving days; the actors of every kind of scope (two without their board or school) and values to search.
 */
export async function seedGeneratedRequests(): Promise<{ actors: Actor[]; pools: Pools }> {
  const actors: Actor[] = [];
  const pools: Pools = { requestNumbers: [], accountNumbers: [], referenceNumbers: [], oens: [] };
  await seedDemo(NOW);
  for (const username of USERNAMES) actors.push(await actorFor(username));
  // Profiles without their board or school: scope is "nothing", never "everything".
  actors.push({ ...actors[3]!, role: "BOARD_USER", boardId: null }, { ...actors[4]!, role: "SCHOOL_USER", schoolId: null });

  const rng = createRng(4242);
  const schools = await db.school.findMany({ select: { id: true, boardId: true } });
  const applicants = await db.applicant.findMany({ select: { id: true, accountNumber: true, oen: true } });
  const rows = Array.from({ length: GENERATED }, (_, i) => {
    const applicant = rng.pick(applicants);
    const school = rng.pick(schools);
    const status = rng.pick(REQUEST_STATUSES);
    const sendOption = rng.chance(0.5) ? "SEND_NOW" : "END_OF_SEMESTER";
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    // A fifth of the requests share one instant (ties broken by id); the rest spread over the edges above.
    const paidAt = rng.chance(0.2) ? new Date(INSTANTS[1]!) : new Date(Date.parse(rng.pick(INSTANTS)) + (rng.chance(0.5) ? 0 : rng.int(-3, 3) * 3_600_000));
    return {
      id: `gen${String(i).padStart(5, "0")}${rng.digits(4)}`,
      referenceNumber: `REF-G${String(i).padStart(7, "0")}`,
      requestNumber: `7${String(i).padStart(9, "0")}`,
      accountNumber: rng.chance(0.7) ? applicant.accountNumber : rng.pick(["1000000001", "1000000002"]),
      applicantId: applicant.id,
      schoolId: school.id,
      boardId: school.boardId,
      requestType: rng.chance(0.5) ? ("ORIGINAL" as const) : ("REISSUE" as const),
      paidAt,
      sendOption: sendOption as "SEND_NOW" | "END_OF_SEMESTER",
      // NULL and dates in both send options, with ties.
      sendAfter: rng.chance(0.4) ? null : new Date(rng.pick(INSTANTS)),
      lastAttended: rng.pick(LAST_ATTENDED),
      status,
      tab: tabOfStatus(status),
      firstName,
      lastName,
      firstNameFolded: foldName(firstName),
      lastNameFolded: foldName(lastName),
      oen: rng.chance(0.2) ? null : rng.chance(0.5) ? applicant.oen : rng.pick(["123456782", "987654324"]),
    };
  });
  for (let i = 0; i < rows.length; i += 250) await db.transcriptRequest.createMany({ data: rows.slice(i, i + 250) });

  const all = await db.transcriptRequest.findMany({ select: { requestNumber: true, accountNumber: true, referenceNumber: true, oen: true } });
  const sample = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))].slice(0, 40);
  pools.requestNumbers = sample(all.map((r) => r.requestNumber));
  pools.accountNumbers = sample(all.map((r) => r.accountNumber));
  pools.referenceNumbers = sample(all.map((r) => r.referenceNumber));
  pools.oens = sample(all.map((r) => r.oen));
  return { actors, pools };
}

/** A random dashboard query: a tab or statuses, and up to four search fields, mostly with values that match. */
export function randomQuery(rng: Rng, pools: Pools): URLSearchParams {
  const q = new URLSearchParams();
  const which = rng.int(0, 3);
  if (which === 0) q.set("tab", rng.pick(TAB_PARAMS));
  else if (which === 1) q.set("status", "ALL");
  else if (which === 2) q.set("status", rng.sample(REQUEST_STATUSES, rng.int(1, 3)).join(","));
  const fields: [string, () => string][] = [
    ["from", () => rng.pick(DATES)],
    ["to", () => rng.pick(DATES)],
    ["requestNumber", () => (rng.chance(0.8) ? rng.pick(pools.requestNumbers) : "123")],
    ["accountNumber", () => rng.pick(pools.accountNumbers)],
    ["referenceNumber", () => (rng.chance(0.8) ? rng.pick(pools.referenceNumbers) : "REF-00000000")],
    ["oen", () => rng.pick(pools.oens)],
    ["firstName", () => rng.pick(NAME_PREFIXES)],
    ["lastName", () => rng.pick(NAME_PREFIXES)],
    ["lastAttended", () => rng.pick(LAST_ATTENDED)],
    ["school", () => rng.pick(["999999", "999998", "999997", "999996", "123456"])],
  ];
  for (const [name, value] of rng.sample(fields, rng.int(0, 4))) q.set(name, value());
  q.set("sort", rng.pick(SORT_KEYS));
  q.set("dir", rng.chance(0.5) ? "asc" : "desc");
  return q;
}

export function searchOf(q: URLSearchParams): RequestSearch {
  const { search, errors } = parseRequestSearch(q);
  // An invalid combination (an end date before the start) is refused before any query: nothing to compare.
  return Object.keys(errors).length > 0 ? parseRequestSearch(new URLSearchParams()).search : search;
}
