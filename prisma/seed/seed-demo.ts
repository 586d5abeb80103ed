// Replaces every row of the database with the demo data (contracts §7). Deterministic: the same rows on every run,
// with dates relative to `today`.
import crypto from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { sealSecret } from "@/lib/auth/secret-box";
import type { Db } from "@/lib/db-client";
import type { RequestStatus } from "@/lib/domain/statuses";
import { demoPdf, storedNameFor, writeStoredFiles } from "./files";
import { buildPescTranscript } from "./pesc-template.mjs";
import { createIdGenerator } from "./prng";
import {
  BOARDS,
  COLLEGES,
  DEFAULT_COLLEGE_DOUBLE_URL,
  DEFAULT_SIS_DOUBLE_SECRET,
  DEFAULT_SIS_DOUBLE_URL,
  DEFAULT_SLA_BUSINESS_DAYS,
  DEMO_ACCOUNTS,
  demoCollegeSecret,
  EXTRA_ACCOUNTS,
  SCHOOLS,
} from "./reference-data";
import { foldedNames, planDemoData } from "./requests";

export interface SeedOptions {
  /** "Now" for the ages of the requests (default: the current time). */
  today?: Date;
  log?: (line: string) => void;
  /** Seals the Auto-TRMS board's SIS secret; must be the AUTH_SECRET the app runs with (default: this process's). */
  authSecret?: string;
  /** The college double's base URL for the colleges' endpoints (default: COLLEGE_DOUBLE_URL, else the demo's). */
  collegeDoubleUrl?: string;
  /** Where the app keeps uploaded files (default: FILE_STORAGE_DIR, else ./data/files). */
  filesDir?: string;
}

export interface SeedSummary {
  boards: number;
  schools: number;
  colleges: number;
  users: number;
  applicants: number;
  requests: number;
  destinations: number;
  events: number;
  transcripts: number;
  files: number;
  byStatus: Partial<Record<RequestStatus, number>>;
  milliseconds: number;
}

const CHUNK = 200;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

const sha256 = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest("hex");

/** Deletes every row of every table, children before parents. */
export async function deleteEverything(db: Db): Promise<void> {
  await db.$transaction([
    db.transmissionAttempt.deleteMany(),
    db.transmissionReceipt.deleteMany(),
    db.transmissionEntry.deleteMany(),
    db.transmissionItem.deleteMany(),
    db.transmissionBatch.deleteMany(),
    db.pendingUpload.deleteMany(),
    db.autoMatchAttempt.deleteMany(),
    db.autoMatchRun.deleteMany(),
    db.timelineEvent.deleteMany(),
    db.storedTranscript.deleteMany(),
    db.uploadedFile.deleteMany(),
    db.requestDestination.deleteMany(),
    db.transcriptRequest.deleteMany(),
    db.applicant.deleteMany(),
    db.notificationMark.deleteMany(),
    db.notificationSetting.deleteMany(),
    db.passwordResetToken.deleteMany(),
    db.signInThrottle.deleteMany(),
    db.user.deleteMany(),
    db.school.deleteMany(),
    db.board.deleteMany(),
    db.college.deleteMany(),
    db.emailOutbox.deleteMany(),
    db.outboxEvent.deleteMany(),
    db.jobRun.deleteMany(),
    db.cronState.deleteMany(),
    db.appSetting.deleteMany(),
    db.auditEvent.deleteMany(),
  ]);
}

export async function seed(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = Date.now();
  const today = options.today ?? new Date();
  const log = options.log ?? (() => {});

  // bcrypt (cost 12) dominates the run: hash each distinct password once, all at the same time.
  const accounts = [...DEMO_ACCOUNTS, ...EXTRA_ACCOUNTS];
  const passwords = [...new Set(accounts.map((a) => a.password))];
  const hashing = Promise.all(passwords.map(async (p) => [p, await hashPassword(p)] as const)).then((e) => new Map(e));

  const plan = planDemoData(today);
  const newId = createIdGenerator(20261128 + 2);

  await deleteEverything(db);
  log("Deleted the previous data.");

  // Reference data: boards, schools, colleges, the service settings, users.
  const boardIds = new Map(BOARDS.map((b) => [b.number, newId()]));
  const schoolIds = new Map(SCHOOLS.map((s) => [s.mident, newId()]));
  const collegeIds = new Map(COLLEGES.map((c) => [c.code, newId()]));
  const userIds = new Map(accounts.map((a) => [a.username, newId()]));
  const hashes = await hashing;
  const sisUrl = process.env.SIS_DOUBLE_URL?.trim() || DEFAULT_SIS_DOUBLE_URL;
  // The double's secret, sealed with the app's AUTH_SECRET (a fresh IV each run: the ciphertext differs, the secret
  // does not).
  const sisSecret = process.env.SIS_DOUBLE_SECRET?.trim() || DEFAULT_SIS_DOUBLE_SECRET;
  const sealedSisSecret = options.authSecret ? sealSecret(sisSecret, options.authSecret) : sealSecret(sisSecret);
  // Every demo college delivers to the college double, signed with its demo secret (sealed likewise).
  const collegeBase = (options.collegeDoubleUrl ?? (process.env.COLLEGE_DOUBLE_URL?.trim() || DEFAULT_COLLEGE_DOUBLE_URL)).replace(/\/+$/, "");
  const seal = (plain: string) => (options.authSecret ? sealSecret(plain, options.authSecret) : sealSecret(plain));

  await db.$transaction([
    db.board.createMany({
      data: BOARDS.map((b) => ({
        id: boardIds.get(b.number)!,
        number: b.number,
        nameEn: b.nameEn,
        nameFr: b.nameFr,
        language: b.language,
        autoTrmsEnabled: b.autoTrms,
        autoTrmsUrl: b.autoTrms ? sisUrl : null,
        autoTrmsSecret: b.autoTrms ? sealedSisSecret : null,
      })),
    }),
    db.school.createMany({
      data: SCHOOLS.map((s) => ({
        id: schoolIds.get(s.mident)!,
        mident: s.mident,
        nameEn: s.nameEn,
        nameFr: s.nameFr,
        city: s.city,
        boardId: boardIds.get(s.boardNumber)!,
      })),
    }),
    db.college.createMany({
      data: COLLEGES.map((c) => ({
        id: collegeIds.get(c.code)!,
        code: c.code,
        nameEn: c.nameEn,
        nameFr: c.nameFr,
        deliveryUrl: `${collegeBase}/colleges/${c.code}`,
        deliverySecret: seal(demoCollegeSecret(c.code)),
        secretSetAt: today,
      })),
    }),
    db.appSetting.create({ data: { id: "global", slaBusinessDays: DEFAULT_SLA_BUSINESS_DAYS } }),
    db.user.createMany({
      data: accounts.map((a) => ({
        id: userIds.get(a.username)!,
        username: a.username,
        email: a.email,
        displayName: a.displayName,
        passwordHash: hashes.get(a.password)!,
        role: a.role,
        boardId: a.boardNumber ? boardIds.get(a.boardNumber)! : null,
        schoolId: a.mident ? schoolIds.get(a.mident)! : null,
        language: a.language,
        mustChangePassword: false,
        active: true,
      })),
    }),
  ]);
  log(`Created ${BOARDS.length} boards, ${SCHOOLS.length} schools, ${COLLEGES.length} colleges, ${accounts.length} users.`);

  // Requests with their applicants, destinations, timelines and stored transcripts.
  const firstPaid = new Map<string, Date>();
  for (const r of plan.requests) {
    const seen = firstPaid.get(r.applicant.id);
    if (!seen || r.paidAt < seen) firstPaid.set(r.applicant.id, r.paidAt);
  }
  const applicantRows = plan.applicants.map((a) => ({ ...a, createdAt: firstPaid.get(a.id) ?? today }));
  const requestRows = plan.requests.map((r) => ({
    id: r.id,
    referenceNumber: r.referenceNumber,
    requestNumber: r.requestNumber,
    accountNumber: r.applicant.accountNumber,
    applicantId: r.applicant.id,
    schoolId: schoolIds.get(r.mident)!,
    boardId: boardIds.get(r.boardNumber)!,
    requestType: r.requestType,
    paidAt: r.paidAt,
    sendOption: r.sendOption,
    sendAfter: r.sendAfter,
    lastAttended: r.lastAttended,
    status: r.status,
    tab: r.tab,
    statusReason: r.statusReason,
    statusChangedAt: r.statusChangedAt,
    completedAt: r.completedAt,
    version: 0,
    firstName: r.applicant.firstName,
    lastName: r.applicant.lastName,
    ...foldedNames(r),
    oen: r.applicant.oen,
    createdAt: r.paidAt,
    updatedAt: r.statusChangedAt,
  }));
  const destinationRows = plan.requests.flatMap((r) => r.destinations.map((code) => ({ requestId: r.id, collegeId: collegeIds.get(code)! })));
  const eventRows = plan.requests.flatMap((r) =>
    r.events.map((e) => ({
      id: e.id,
      requestId: r.id,
      type: e.type as string,
      actorId: e.actorUsername ? userIds.get(e.actorUsername)! : null,
      actorLabel: e.actorLabel,
      data: e.data,
      createdAt: e.createdAt,
    })),
  );
  // A Send-at-End-of-Semester request whose date has passed was released then (lib/server/requests/release-deferred.ts
  // writes the same row): the daily release, or "Run now", finds nothing left over in the demo data, and on the
  // Auto-TRMS board nothing is matched again behind the user's back.
  for (const r of plan.requests) {
    if (!r.sendAfter || r.sendAfter > today) continue;
    eventRows.push({
      id: `released-${r.id}`,
      requestId: r.id,
      type: "released",
      actorId: null,
      actorLabel: "system",
      data: JSON.stringify({ sendAfter: r.sendAfter.toISOString() }),
      createdAt: r.sendAfter > r.paidAt ? r.sendAfter : new Date(r.paidAt.getTime() + 1),
    });
  }
  const filesDir = options.filesDir ?? process.env.FILE_STORAGE_DIR ?? "./data/files";
  const fileWrites: { storedName: string; bytes: Uint8Array }[] = [];
  const fileRows: {
    id: string;
    requestId: string;
    kind: "XML" | "PDF";
    originalName: string;
    storedName: string;
    size: number;
    sha256: string;
    uploadedById: string;
    createdAt: Date;
  }[] = [];
  const transcriptRows = plan.requests.flatMap((r) => {
    const school = SCHOOLS.find((s) => s.mident === r.mident)!;
    const board = BOARDS.find((b) => b.number === r.boardNumber)!;
    const a = r.applicant;
    const content = buildPescTranscript({
      referenceNumber: r.referenceNumber,
      firstName: a.firstName,
      middleName: a.middleName,
      lastName: a.lastName,
      dateOfBirth: a.dateOfBirth,
      gender: a.gender,
      oen: a.oen,
      schoolName: school.nameEn,
      mident: school.mident,
      studentNumber: a.studentNumber,
      boardName: board.nameEn,
      boardNumber: board.number,
      createdAt: r.transcript?.createdAt ?? r.upload?.createdAt ?? today,
    });
    if (r.upload) {
      // Processed: the transcript as stored; refused by the processing: a file cut short; waiting: a scanned PDF.
      const bytes =
        r.upload.fate === "processed"
          ? Buffer.from(content, "utf8")
          : r.upload.fate === "failed"
            ? Buffer.from(content.slice(0, Math.floor(content.length / 2)), "utf8")
            : demoPdf(["Demo transcript (scan)", `${a.firstName} ${a.lastName}`, r.referenceNumber, school.nameEn]);
      const storedName = storedNameFor(r.upload.id, r.upload.kind, r.upload.createdAt);
      fileWrites.push({ storedName, bytes });
      fileRows.push({
        id: r.upload.id,
        requestId: r.id,
        kind: r.upload.kind,
        originalName: r.upload.kind === "PDF" ? "transcript-scan.pdf" : "transcript.xml",
        storedName,
        size: bytes.byteLength,
        sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
        uploadedById: userIds.get(r.upload.username)!,
        createdAt: r.upload.createdAt,
      });
    }
    if (!r.transcript) return [];
    return [
      {
        id: r.transcript.id,
        requestId: r.id,
        fileId: r.transcript.fileId,
        format: "XML" as const,
        source: r.transcript.source,
        isReissue: false,
        isCurrent: true,
        sha256: sha256(content),
        content,
        createdAt: r.transcript.createdAt,
      },
    ];
  });
  const attemptRows = plan.requests.flatMap((r) =>
    r.autoMatch
      ? [
          {
            id: r.autoMatch.id,
            requestId: r.id,
            trigger: "created",
            outcome: r.autoMatch.outcome,
            reason: r.autoMatch.reason,
            httpStatus: r.autoMatch.outcome === "MATCHED" ? 200 : null,
            startedAt: r.autoMatch.at,
            finishedAt: r.autoMatch.at,
          },
        ]
      : [],
  );

  // The files first, as the app writes them: a row never names a file that is not there.
  await writeStoredFiles(filesDir, fileWrites);
  await db.$transaction([
    ...chunks(applicantRows).map((data) => db.applicant.createMany({ data })),
    ...chunks(requestRows).map((data) => db.transcriptRequest.createMany({ data })),
    ...chunks(destinationRows).map((data) => db.requestDestination.createMany({ data })),
    ...chunks(eventRows).map((data) => db.timelineEvent.createMany({ data })),
    ...chunks(fileRows).map((data) => db.uploadedFile.createMany({ data })),
    ...chunks(attemptRows).map((data) => db.autoMatchAttempt.createMany({ data })),
    ...transcriptRows.map((data) => db.storedTranscript.create({ data, select: { id: true } })),
  ]);

  const byStatus: Partial<Record<RequestStatus, number>> = {};
  for (const r of plan.requests) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const summary: SeedSummary = {
    boards: BOARDS.length,
    schools: SCHOOLS.length,
    colleges: COLLEGES.length,
    users: accounts.length,
    applicants: applicantRows.length,
    requests: requestRows.length,
    destinations: destinationRows.length,
    events: eventRows.length,
    transcripts: transcriptRows.length,
    files: fileRows.length,
    byStatus,
    milliseconds: Date.now() - started,
  };
  log(
    `Created ${summary.requests} requests for ${summary.applicants} applicants ` +
      `(${summary.destinations} destinations, ${summary.events} timeline events, ${summary.transcripts} stored transcripts).`,
  );
  return summary;
}
