// The timeline of a request (TimelineEvent rows): what the writers store and what the details page reads back.
// Data is JSON written by several parts of the system (intake, Auto-TRMS, uploads, actions); the reader checks every
// value it uses, so an unknown type or a malformed row still shows as a plain entry.
import { NO_UPLOAD_ACTIONS, REQUEST_STATUSES, type NoUploadAction, type RequestStatus } from "./statuses";
import { COMPARED_FIELDS, parseStatusReason, type ComparedField, type ReasonView } from "./status-reason";

/** Event types with a label of their own (`timeline.types.*`); any other type shows as a generic event. */
export const TIMELINE_TYPES = [
  "created",
  "status_changed",
  "action",
  "email_queued",
  "email_sent",
  "email_failed",
  "cancelled",
  "released",
  "upload",
  "validated",
  "processed",
  "processing_failed",
  "pdf_completed",
  "repaired",
  "auto_trms_retry",
  "transmitted",
  "receipt",
] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

/** Who acted when no user did (TimelineEvent.actorLabel) → message key under `timeline.actors.*`. */
const ACTOR_LABELS = { system: "system", "auto-trms": "autoTrms", "intake-api": "intakeApi" } as const;
export type ActorLabelKey = (typeof ACTOR_LABELS)[keyof typeof ACTOR_LABELS];

export function actorLabelKey(label: string | null): ActorLabelKey {
  return label !== null && Object.hasOwn(ACTOR_LABELS, label) ? ACTOR_LABELS[label as keyof typeof ACTOR_LABELS] : "system";
}

export type TimelineView = {
  type: TimelineType | "other";
  from: RequestStatus | null;
  to: RequestStatus | null;
  action: NoUploadAction | null;
  reason: ReasonView | null;
  /** Text a person typed (a cancellation reason): shown as text, never as markup. */
  note: string | null;
  email: { template: string; to: string | null; failed: boolean } | null;
  /** What the reconciler started again ("repaired" rows). */
  repair: RepairKind | null;
  /** A delivery to a college ("transmitted") or the college's receipt ("receipt"). */
  transmission: TransmissionView | null;
  /** A "validated" row: the fields that differed (or that the transcript lacked) when the clerk confirmed it. */
  accepted: ComparedField[] | null;
};

export type TransmissionView = {
  college: { code: string; nameEn: string; nameFr: string };
  batchId: string | null;
  transmissionType: "Original" | "Reissue" | null;
  /** A receipt's answer: received (CONFIRMED) or asked again (RESUBMIT, with the college's reason). */
  receipt: "CONFIRMED" | "RESUBMIT" | null;
  reason: string | null;
};

/** The background work the reconciler can start again (lib/server/jobs/reconcile.ts). */
export const REPAIR_KINDS = ["processTranscript", "release", "autoMatch", "email"] as const;
export type RepairKind = (typeof REPAIR_KINDS)[number];

const NOTE_MAX_LENGTH = 1000;

const isStatus = (v: unknown): v is RequestStatus => typeof v === "string" && (REQUEST_STATUSES as readonly string[]).includes(v);
const isAction = (v: unknown): v is NoUploadAction => typeof v === "string" && (NO_UPLOAD_ACTIONS as readonly string[]).includes(v);

/** What to show for one timeline row. */
export function readTimelineEvent(type: string, data: string | null): TimelineView {
  const known = (TIMELINE_TYPES as readonly string[]).includes(type) ? (type as TimelineType) : "other";
  let parsed: Record<string, unknown> = {};
  if (data) {
    try {
      const value: unknown = JSON.parse(data);
      if (typeof value === "object" && value !== null && !Array.isArray(value)) parsed = value as Record<string, unknown>;
    } catch {
      // A malformed row still shows its type, who and when.
    }
  }
  const email =
    (known === "email_queued" || known === "email_sent" || known === "email_failed") && typeof parsed.template === "string"
      ? { template: parsed.template, to: typeof parsed.to === "string" ? parsed.to : null, failed: parsed.status === "FAILED" }
      : null;
  const transmission = known === "transmitted" || known === "receipt" ? transmissionOf(parsed) : null;
  return {
    type: known,
    from: isStatus(parsed.from) ? parsed.from : null,
    to: isStatus(parsed.to) ? parsed.to : null,
    action: isAction(parsed.action) ? parsed.action : null,
    // A reason is a key with data; free text (a note, or a reason another writer stored as text) is a note.
    reason: typeof parsed.reason === "object" ? parseStatusReason(parsed.reason) : null,
    note: transmission ? null : (textOf(parsed.note) ?? textOf(parsed.reason)),
    email,
    repair: known === "repaired" && (REPAIR_KINDS as readonly unknown[]).includes(parsed.repair) ? (parsed.repair as RepairKind) : null,
    transmission,
    accepted: known === "validated" ? acceptedOf(parsed.comparison) : null,
  };
}

/** The fields of a "validated" row's comparison summary that were not the same (lib/server/uploads/compare-upload.ts). */
function acceptedOf(comparison: unknown): ComparedField[] | null {
  if (typeof comparison !== "object" || comparison === null) return null;
  const fields = (comparison as { fields?: unknown }).fields;
  if (typeof fields !== "object" || fields === null) return null;
  const outcomes = fields as Record<string, unknown>;
  return COMPARED_FIELDS.filter((f) => Object.hasOwn(outcomes, f) && (outcomes[f] === "different" || outcomes[f] === "missing"));
}

function transmissionOf(parsed: Record<string, unknown>): TransmissionView | null {
  const college = parsed.college as Record<string, unknown> | null | undefined;
  if (typeof college !== "object" || college === null) return null;
  const code = textOf(college.code);
  if (!code) return null;
  return {
    college: { code, nameEn: textOf(college.nameEn) ?? code, nameFr: textOf(college.nameFr) ?? textOf(college.nameEn) ?? code },
    batchId: textOf(parsed.batchId),
    transmissionType: parsed.transmissionType === "Original" || parsed.transmissionType === "Reissue" ? parsed.transmissionType : null,
    receipt: parsed.status === "CONFIRMED" || parsed.status === "RESUBMIT" ? parsed.status : null,
    reason: textOf(parsed.reason),
  };
}

function textOf(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, NOTE_MAX_LENGTH) : null;
}
