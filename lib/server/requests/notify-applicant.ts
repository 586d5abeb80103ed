import "server-only";
import type { Tx } from "@/lib/db";
import { maskEmail } from "@/lib/domain/mask-email";
import type { NoUploadAction } from "@/lib/domain/statuses";
import type { EmailTemplate } from "@/lib/email/render-email";
import { queueEmail } from "@/lib/server/email/queue-email";
import { recordEvent } from "./record-event";

// The no-upload actions that tell the applicant what to do (product §5); the others need nothing from them.
const TEMPLATE_OF_ACTION: Partial<Record<NoUploadAction, EmailTemplate>> = {
  STUDENT_NOT_FOUND: "studentNotFound",
  FINANCIAL_HOLD: "financialHold",
};

export function applicantEmailFor(action: NoUploadAction): EmailTemplate | null {
  return TEMPLATE_OF_ACTION[action] ?? null;
}

export type ApplicantEmailOutcome = { template: EmailTemplate; outboxId: string };

/**
 * Queues the applicant's email about an action, in the applicant's language, inside the transaction of the status
 * change (so an email never announces a change that was rolled back, and a change never loses its email), with an
 * "email_queued" timeline row. Once per (request, action, version): the dedupe key makes a retry queue nothing more.
 * The delivery function sends it and records "email_sent" (lib/server/email/deliver-email.ts).
 */
export async function queueApplicantEmail(
  tx: Tx,
  options: { requestId: string; action: NoUploadAction; version: number; actorId: string; now: Date },
): Promise<ApplicantEmailOutcome | null> {
  const template = applicantEmailFor(options.action);
  if (!template) return null;
  const request = await tx.transcriptRequest.findUniqueOrThrow({
    where: { id: options.requestId },
    select: {
      id: true,
      referenceNumber: true,
      applicant: { select: { firstName: true, email: true, preferredLanguage: true } },
      school: { select: { nameEn: true, nameFr: true, board: { select: { nameEn: true, nameFr: true } } } },
    },
  });
  const { applicant, school } = request;
  const locale = applicant.preferredLanguage === "fr" ? "fr" : "en";
  const queued = await queueEmail(
    tx,
    {
      to: applicant.email,
      template,
      locale,
      values: {
        name: applicant.firstName,
        reference: request.referenceNumber,
        school: locale === "fr" ? school.nameFr : school.nameEn,
        board: locale === "fr" ? school.board.nameFr : school.board.nameEn,
      },
      dedupeKey: `${request.id}:${options.action}:${options.version}`,
      requestId: request.id,
    },
    options.now,
  );
  if (!queued.deduped) {
    await recordEvent(tx, {
      requestId: request.id,
      type: "email_queued",
      actorId: options.actorId,
      data: { template, to: maskEmail(applicant.email), outboxId: queued.id, status: "QUEUED", action: options.action },
      at: options.now,
    });
  }
  return { template, outboxId: queued.id };
}
