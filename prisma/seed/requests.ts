// The demo requests, planned in memory (no database): applicants, requests, destinations, timelines and the
// transcripts of completed ones. The same `today` gives the same plan; another `today` shifts only the dates.
import { foldName } from "@/lib/domain/fold";
import { generateReferenceNumber } from "@/lib/domain/reference-number";
import { isComplete, REQUEST_STATUSES, tabOfStatus, type DbTab, type RequestStatus } from "@/lib/domain/statuses";
import { ApplicantFactory, type ApplicantPlan } from "./applicants";
import { addCalendarDays, DemoClock } from "./clock";
import { createIdGenerator, createRng, type Rng } from "./prng";
import { BOARDS, COLLEGES, SCHOOLS, type SchoolSeed } from "./reference-data";
import { stepsTo, type StepActor } from "./timeline";

export const PESC_EXAMPLE_REFERENCE = "REF-45454545";
const SEED = 20261128;

export interface EventPlan {
  id: string;
  type: "created" | "status_changed" | "upload" | "processed" | "processing_failed";
  /** Username of the acting user, or null when `actorLabel` says who acted. */
  actorUsername: string | null;
  actorLabel: string | null;
  data: string | null;
  createdAt: Date;
}

export interface RequestPlan {
  id: string;
  referenceNumber: string;
  requestNumber: string;
  applicant: ApplicantPlan;
  mident: string;
  boardNumber: string;
  requestType: "ORIGINAL" | "REISSUE";
  paidAt: Date;
  /** Business days since payment on `today`. */
  age: number;
  sendOption: "SEND_NOW" | "END_OF_SEMESTER";
  sendAfter: Date | null;
  lastAttended: string;
  status: RequestStatus;
  tab: DbTab;
  statusReason: string | null;
  statusChangedAt: Date;
  completedAt: Date | null;
  destinations: string[];
  events: EventPlan[];
  /** The XML transcript uploaded and processed (E-Transcript Sent), or not processed (File Upload Error); or the PDF
   * waiting in the PDF queue (Transcript File Uploaded to OCAS). Every upload the product makes has its file. */
  upload: UploadPlan | null;
  /** Auto-TRMS's attempt, when the board tried the request. */
  autoMatch: AutoMatchPlan | null;
  transcript: { id: string; source: "MANUAL" | "AUTO_TRMS"; createdAt: Date; fileId: string | null } | null;
}

export interface UploadPlan {
  id: string;
  kind: "XML" | "PDF";
  /** What became of it: stored as the request's transcript, refused by the processing, or waiting for OCAS. */
  fate: "processed" | "failed" | "waiting";
  username: string;
  createdAt: Date;
}

export interface AutoMatchPlan {
  id: string;
  outcome: string;
  reason: string | null;
  at: Date;
}

/** AutoMatchAttempt.outcome for a reason the SIS gave (lib/sis/outcome.ts). */
const ATTEMPT_OUTCOMES: Record<string, string> = {
  sisNotFound: "NOT_FOUND",
  sisDifferences: "DIFFERENCES",
  sisMultipleMatches: "MULTIPLE_MATCHES",
  sisUnavailable: "UNAVAILABLE",
};

export interface DemoPlan {
  applicants: ApplicantPlan[];
  requests: RequestPlan[];
}

// Relative frequency of each status; a board without Auto-TRMS never has Auto-Process Error, and on the
// Auto-TRMS board only requests still waiting for their end-of-semester date are Action Required.
const MANUAL_WEIGHTS: Partial<Record<RequestStatus, number>> = {
  ACTION_REQUIRED: 24,
  INCOMPLETE_ACTION_REQUIRED: 4,
  FINANCIAL_HOLD: 5,
  NO_ACADEMIC_DATA: 4,
  STUDENT_NOT_FOUND: 6,
  FILE_UPLOAD_ERROR: 3,
  TRANSCRIPT_UPLOADED: 8,
  E_TRANSCRIPT_SENT: 26,
  PAPER_TRANSCRIPT_SENT: 8,
  REQUEST_CANCELLED: 4,
};
const AUTO_WEIGHTS: Partial<Record<RequestStatus, number>> = {
  ACTION_REQUIRED: 7,
  AUTO_PROCESS_ERROR: 22,
  INCOMPLETE_ACTION_REQUIRED: 2,
  FINANCIAL_HOLD: 4,
  NO_ACADEMIC_DATA: 3,
  STUDENT_NOT_FOUND: 5,
  FILE_UPLOAD_ERROR: 2,
  TRANSCRIPT_UPLOADED: 5,
  E_TRANSCRIPT_SENT: 36,
  PAPER_TRANSCRIPT_SENT: 5,
  REQUEST_CANCELLED: 4,
};

const SCHOOL_USERS: Record<string, readonly string[]> = {
  "999999": ["demo.school", "demo.school", "demo.school", "demo.board", "demo.board.user"],
  "999998": ["demo.school2", "demo.school2", "demo.school2", "demo.board", "demo.board.user"],
  "999997": ["aurora.school", "aurora.school", "other.board", "other.board.admin"],
  "999996": ["boreale.school", "boreale.school", "other.board", "other.board.admin"],
};
const COLLEGE_CODES = COLLEGES.map((c) => c.code);

/** Every status of the board at least twice, then the rest drawn by weight, shuffled. */
function statusesFor(rng: Rng, count: number, autoTrms: boolean): RequestStatus[] {
  const weights = autoTrms ? AUTO_WEIGHTS : MANUAL_WEIGHTS;
  const allowed = REQUEST_STATUSES.filter((s) => weights[s]);
  const list: RequestStatus[] = allowed.flatMap((s) => [s, s]);
  const total = allowed.reduce((sum, s) => sum + (weights[s] ?? 0), 0);
  while (list.length < count) {
    let r = rng.next() * total;
    const status = allowed.find((s) => (r -= weights[s] ?? 0) < 0) ?? "ACTION_REQUIRED";
    list.push(status);
  }
  return rng.sample(list, list.length);
}

/** 0–4 (within the SLA), exactly 5 (reached) or 6–30 (past it) business days. */
function drawAge(rng: Rng): number {
  const r = rng.next();
  const low = rng.int(0, 4);
  const high = rng.int(6, 30);
  return r < 0.36 ? low : r < 0.48 ? 5 : high;
}

function drawLastAttended(rng: Rng): string {
  const year = rng.int(2019, 2026);
  let month = rng.pick([1, 2, 6, 6, 6, 8, 12]);
  if (year === 2019 && month < 6) month = 6;
  if (year === 2026 && month > 6) month = 6;
  return `${year}-${String(month).padStart(2, "0")}`;
}

function drawDestinations(rng: Rng, french: boolean): string[] {
  const r = rng.next();
  const codes = rng.sample(COLLEGE_CODES, r < 0.5 ? 1 : r < 0.85 ? 2 : 3);
  const francophone = rng.pick(["BORE", "LACI"]);
  if (french && rng.chance(0.5) && !codes.includes("BORE") && !codes.includes("LACI")) codes[0] = francophone;
  return codes;
}

export function planDemoData(today: Date): DemoPlan {
  const rng = createRng(SEED);
  const newId = createIdGenerator(SEED + 1);
  const clock = new DemoClock(today);
  const factory = new ApplicantFactory(rng, newId);
  const references = new Set<string>([PESC_EXAMPLE_REFERENCE]);
  const requestNumbers = new Set<string>();
  const applicants: ApplicantPlan[] = [];
  const requests: RequestPlan[] = [];

  const reference = () => {
    for (;;) {
      const ref = generateReferenceNumber((max) => Math.floor(rng.next() * max));
      if (!references.has(ref)) return references.add(ref) && ref;
    }
  };
  const requestNumber = () => {
    for (;;) {
      const n = rng.digits(9, true);
      if (!requestNumbers.has(n)) return requestNumbers.add(n) && n;
    }
  };
  const event = (type: EventPlan["type"], createdAt: Date, actor: { username?: string; label?: string }, data: object | null): EventPlan => ({
    id: newId(),
    type,
    actorUsername: actor.username ?? null,
    actorLabel: actor.label ?? null,
    data: data ? JSON.stringify(data) : null,
    createdAt,
  });

  // The request of the real PESC example: To Do of the first board's first school, 2 business days old.
  const pesc = factory.pescExample();
  applicants.push(pesc);
  const pescPaidAt = clock.paidAt(2, 10 * 60 + 15, 0);
  requests.push({
    id: newId(),
    referenceNumber: PESC_EXAMPLE_REFERENCE,
    requestNumber: requestNumber(),
    applicant: pesc,
    mident: "999999",
    boardNumber: "99999",
    requestType: "ORIGINAL",
    paidAt: pescPaidAt,
    age: 2,
    sendOption: "SEND_NOW",
    sendAfter: null,
    lastAttended: "2016-03",
    status: "ACTION_REQUIRED",
    tab: tabOfStatus("ACTION_REQUIRED"),
    statusReason: null,
    statusChangedAt: pescPaidAt,
    completedAt: null,
    destinations: ["SENE", "ALGO"],
    events: [event("created", pescPaidAt, { label: "intake-api" }, null)],
    upload: null,
    autoMatch: null,
    transcript: null,
  });

  for (const school of SCHOOLS) planSchool(school);
  return { applicants, requests };

  function planSchool(school: SchoolSeed) {
    const autoTrms = BOARDS.find((b) => b.number === school.boardNumber)?.autoTrms ?? false;
    const users = SCHOOL_USERS[school.mident] ?? [];
    const singles: ApplicantPlan[] = [];
    // The first To Do requests of each school get these ages, so the SLA colours show in every school's To Do.
    const todoAges = [5, 1, 9, 5, 0, 4, 14, 5, 27];
    for (const status of statusesFor(rng, school.requestCount, autoTrms)) {
      const index = requests.length;
      // Some applicants ask this school for a second transcript request.
      const reuse = rng.chance(0.1) && singles.length > 0;
      const applicant = reuse ? singles.splice(rng.int(0, singles.length - 1), 1)[0]! : factory.create(rng.chance(school.frenchShare));
      if (!reuse) {
        applicants.push(applicant);
        singles.push(applicant);
      }
      const drawn = drawAge(rng);
      const age = tabOfStatus(status) === "TODO" ? (todoAges.shift() ?? drawn) : drawn;
      const paidAt = clock.paidAt(age, rng.int(7 * 60, 22 * 60), index);

      // Send at End of Semester: a future date only while the request waits in Action Required (always so on the
      // Auto-TRMS board, which would otherwise have tried it already); otherwise a date between payment and now.
      const eos = rng.next() < 0.12;
      const futureDate = clock.startOf(addCalendarDays(clock.todayDate, rng.int(7, 75)));
      const futureDraw = rng.next();
      const backDraw = rng.next();
      let sendAfter: Date | null = null;
      if (status === "ACTION_REQUIRED" && autoTrms) sendAfter = futureDate;
      else if (eos && status === "ACTION_REQUIRED" && (futureDraw < 0.5 || age < 2)) sendAfter = futureDate;
      else if (eos && age >= 2) sendAfter = clock.startOf(clock.paidDate(age - 1 - Math.floor(backDraw * (age - 1))));

      const steps = stepsTo(status, autoTrms, rng, applicant.oen);
      const id = newId();
      const transcriptId = status === "E_TRANSCRIPT_SENT" ? newId() : null;
      const events = [event("created", paidAt, { label: "intake-api" }, null)];
      let from: RequestStatus = "ACTION_REQUIRED";
      // Nothing happens to a request before its send-after date.
      let at = sendAfter && sendAfter > paidAt && sendAfter < clock.today ? sendAfter : paidAt;
      let source: "MANUAL" | "AUTO_TRMS" = "MANUAL";
      let upload: UploadPlan | null = null;
      let autoMatch: AutoMatchPlan | null = null;
      for (const step of steps) {
        const minutes = rng.int(1, 5);
        const fraction = 0.2 + 0.6 * rng.next();
        const username = rng.pick(users);
        at = step.quick ? clock.after(at, minutes) : clock.between(at, fraction);
        const actor: { username?: string; label?: string } = actorOf(step.by, username);
        const change = { from, to: step.to };
        // The rows the product writes for each kind of change (uploads, processing, actions).
        if (step.to === "TRANSCRIPT_UPLOADED") {
          const kind = status === "TRANSCRIPT_UPLOADED" ? "PDF" : "XML";
          const fate = status === "E_TRANSCRIPT_SENT" ? "processed" : status === "FILE_UPLOAD_ERROR" ? "failed" : "waiting";
          upload = { id: `${id}-file`, kind, fate, username: actor.username ?? username, createdAt: at };
          events.push(event("upload", at, actor, { fileId: upload.id, kind, reupload: false, ...change }));
        } else if (from === "TRANSCRIPT_UPLOADED" && step.to === "E_TRANSCRIPT_SENT" && upload) {
          events.push(event("processed", at, actor, { fileId: upload.id, transcriptId, isReissue: false, ...change }));
        } else if (from === "TRANSCRIPT_UPLOADED" && step.to === "FILE_UPLOAD_ERROR" && upload) {
          events.push(event("processing_failed", at, actor, { fileId: upload.id, reason: step.reason, error: "XML_NOT_WELL_FORMED", ...change }));
        } else {
          events.push(event("status_changed", at, actor, step.reason ? { ...change, reason: step.reason } : change));
        }
        if (step.by === "auto-trms") {
          const key = typeof step.reason?.key === "string" ? step.reason.key : null;
          autoMatch = {
            id: `${id}-attempt`,
            outcome: key ? (ATTEMPT_OUTCOMES[key] ?? "NOT_FOUND") : "MATCHED",
            reason: step.reason ? JSON.stringify(step.reason) : null,
            at,
          };
        }
        if (step.to === "E_TRANSCRIPT_SENT") source = step.by === "auto-trms" ? "AUTO_TRMS" : "MANUAL";
        from = step.to;
      }
      const finalReason = steps.at(-1)?.reason;

      const french = applicant.preferredLanguage === "fr";
      requests.push({
        id,
        referenceNumber: reference(),
        requestNumber: requestNumber(),
        applicant,
        mident: school.mident,
        boardNumber: school.boardNumber,
        requestType: rng.chance(0.15) ? "REISSUE" : "ORIGINAL",
        paidAt,
        age,
        sendOption: sendAfter ? "END_OF_SEMESTER" : "SEND_NOW",
        sendAfter,
        lastAttended: drawLastAttended(rng),
        status,
        tab: tabOfStatus(status),
        statusReason: finalReason ? JSON.stringify(finalReason) : null,
        statusChangedAt: steps.length > 0 ? at : paidAt,
        completedAt: isComplete(status) ? at : null,
        destinations: drawDestinations(rng, french),
        events,
        upload,
        autoMatch,
        transcript: transcriptId ? { id: transcriptId, source, createdAt: at, fileId: source === "MANUAL" ? `${id}-file` : null } : null,
      });
    }
  }
}

function actorOf(by: StepActor, username: string): { username?: string; label?: string } {
  if (by === "user") return { username };
  if (by === "admin") return { username: "demo.admin" };
  return { label: by };
}

/** Folded copies of the snapshot names, for search and sorting. */
export function foldedNames(r: RequestPlan) {
  return { firstNameFolded: foldName(r.applicant.firstName), lastNameFolded: foldName(r.applicant.lastName) };
}
