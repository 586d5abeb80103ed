import "server-only";
import { db } from "@/lib/db";
import { maskEmail } from "@/lib/domain/mask-email";
import type { NoUploadAction } from "@/lib/domain/statuses";
import { sendEmail } from "@/lib/email/send-email";
import type { EmailTemplate } from "@/lib/email/render-email";
import { recordEvent } from "./record-event";

// The no-upload actions that tell the applicant what to do (product §5); the others need nothing from them.
const TEMPLATE_OF_ACTION: Partial<Record<NoUploadAction, EmailTemplate>> = {
  STUDENT_NOT_FOUND: "studentNotFound",
  FINANCIAL_HOLD: "financialHold",
};

export function applicantEmailFor(action: NoUploadAction): EmailTemplate | null {
  return TEMPLATE_OF_ACTION[action] ?? null;
}

export type ApplicantEmailOutcome = { template: EmailTemplate; status: string; outboxId: string | null };

/**
 * Emails the applicant about an action, in the applicant's language, once per (request, action, version): the
 * dedupe key makes a retried action a no-op. Runs after the status change has committed, so an email never
 * announces a change that was rolled back; the email and its timeline row are recorded once even when retried.
 */
export async function notifyApplicant(options: {
  requestId: string;
  action: NoUploadAction;
  version: number;
  actorId: string;
}): Promise<ApplicantEmailOutcome | null> {
  const template = applicantEmailFor(options.action);
  if (!template) return null;
  const request = await db.transcriptRequest.findUniqueOrThrow({
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
  let sent;
  try {
    sent = await sendEmail({
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
    });
  } catch (error) {
    // The status change stands; the clerk is told the email did not go. Reference only: no address in logs.
    console.error(`applicant email ${template} for ${request.referenceNumber} failed: ${error instanceof Error ? error.name : "error"}`);
    return { template, status: "FAILED", outboxId: null };
  }

  const recorded = await db.timelineEvent.findFirst({
    where: { requestId: request.id, type: "email_sent", data: { contains: sent.id } },
    select: { id: true },
  });
  if (!recorded) {
    await recordEvent(db, {
      requestId: request.id,
      type: "email_sent",
      actorId: options.actorId,
      data: { template, to: maskEmail(applicant.email), outboxId: sent.id, status: sent.status, action: options.action },
    });
  }
  return { template, status: sent.status, outboxId: sent.id };
}
