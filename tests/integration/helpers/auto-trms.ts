import { db } from "@/lib/db";
import { foldName } from "@/lib/domain/fold";
import { tabOfStatus, type RequestStatus } from "@/lib/domain/statuses";
import { createSisDouble, DEFAULT_SIS_DOUBLE_SECRET, type SisDoubleRecord } from "@/tests/doubles/sis-server.mjs";

// Auto-TRMS test pieces: the SIS double on a free port, and requests of the demo's Auto-TRMS board (99998).

export const AUTO_BOARD = "99998";
export const AUTO_SCHOOL = "999997";

export type Identity = {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: "MALE" | "FEMALE" | "X";
  oen: string | null;
};

let counter = 0;

/** A new identity (unique names, a valid OEN) for each call. */
export function newIdentity(overrides: Partial<Identity> = {}): Identity {
  const n = ++counter;
  const first8 = String(71_000_000 + n * 7919 + Math.floor(Math.random() * 1000));
  return { firstName: `Élodie${n}`, lastName: `Sisdouble${n}`, dateOfBirth: "2005-04-03", gender: "FEMALE", oen: first8 + checkDigit(first8), ...overrides };
}

function checkDigit(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const digit = Number(first8[7 - i]);
    const weighted = i % 2 === 0 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return String((10 - (sum % 10)) % 10);
}

/** The SIS record of an identity, as the double holds it. */
export function recordOf(identity: Identity, extra: Partial<SisDoubleRecord> = {}): SisDoubleRecord {
  return { ...identity, middleName: null, studentNumber: null, schoolName: "Aurora Collegiate", mident: AUTO_SCHOOL, ...extra };
}

/** Starts a double on a free port with `records`; the board's URL is pointed at it. */
export async function startDouble(records: SisDoubleRecord[], options: { boardNumber?: string } = {}) {
  const double = createSisDouble({ records, secret: DEFAULT_SIS_DOUBLE_SECRET });
  const url = await double.listen(0);
  await db.board.update({ where: { number: options.boardNumber ?? AUTO_BOARD }, data: { autoTrmsUrl: url, autoTrmsEnabled: true } });
  return { double, url };
}

let requestCounter = 0;

/** A request of the Auto-TRMS board's first school for `identity` (To Do, Action Required unless told). */
export async function makeRequest(identity: Identity, options: { status?: RequestStatus; sendAfter?: Date | null; mident?: string; paidAt?: Date } = {}) {
  const n = ++requestCounter;
  const suffix = String(process.pid % 1000).padStart(3, "0") + String(n).padStart(4, "0");
  const school = await db.school.findUniqueOrThrow({ where: { mident: options.mident ?? AUTO_SCHOOL } });
  const status = options.status ?? "ACTION_REQUIRED";
  const applicant = await db.applicant.create({
    data: {
      accountNumber: `6${suffix}`,
      firstName: identity.firstName,
      lastName: identity.lastName,
      dateOfBirth: identity.dateOfBirth,
      gender: identity.gender,
      oen: identity.oen,
      email: `applicant${suffix}@example.org`,
    },
  });
  return db.transcriptRequest.create({
    data: {
      referenceNumber: `REF-9${suffix}`,
      requestNumber: `5${suffix}0`,
      accountNumber: applicant.accountNumber,
      applicantId: applicant.id,
      schoolId: school.id,
      boardId: school.boardId,
      requestType: "ORIGINAL",
      paidAt: options.paidAt ?? new Date(Date.now() - 86_400_000),
      sendOption: options.sendAfter ? "END_OF_SEMESTER" : "SEND_NOW",
      sendAfter: options.sendAfter ?? null,
      lastAttended: "2023-06",
      status,
      tab: tabOfStatus(status),
      firstName: identity.firstName,
      lastName: identity.lastName,
      firstNameFolded: foldName(identity.firstName),
      lastNameFolded: foldName(identity.lastName),
      oen: identity.oen,
    },
  });
}

export const requestState = (id: string) =>
  db.transcriptRequest.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      tab: true,
      statusReason: true,
      version: true,
      completedAt: true,
      transcripts: true,
      autoMatches: true,
      events: { orderBy: { createdAt: "asc" } },
    },
  });

/** Tests never wait for real back-off: retries come after a millisecond. */
export const FAST_SIS = { backoffMs: () => 1, timeoutMs: 2_000 } as const;
