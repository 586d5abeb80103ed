import "server-only";
import { fieldErrorsOf } from "@/lib/domain/field-errors";
import { z } from "zod";
import { db } from "@/lib/db";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { REFERENCE_NUMBER_PATTERN } from "@/lib/domain/reference-number";
import { nextStatus, type RequestStatus } from "@/lib/domain/statuses";
import { ExpectedVersionSchema, transitionRequest } from "./transition-request";

export const CANCEL_REASON_MAX_LENGTH = 500;

/** The cancel form of OCAS administrators; the reason is required and kept in the timeline. */
export const CancelRequestSchema = z.object({
  referenceNumber: z.string().trim().toUpperCase().regex(REFERENCE_NUMBER_PATTERN),
  reason: z
    .string("details.cancel.errors.reasonRequired")
    .trim()
    .min(1, "details.cancel.errors.reasonRequired")
    .max(CANCEL_REASON_MAX_LENGTH, "details.cancel.errors.reasonTooLong"),
  expectedVersion: ExpectedVersionSchema,
});
export type CancelRequestInput = z.input<typeof CancelRequestSchema>;

export type CancelRequestResult =
  | { ok: true; referenceNumber: string; from: RequestStatus; version: number }
  | { ok: false; reason: "forbidden" | "notFound" | "stale" }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; reason: "invalidTransition"; status: RequestStatus };

/**
 * Cancels a request (Request Cancelled) on behalf of OCAS: only OCAS administrators may, with a reason, from a
 * status that allows it, and only from the version the administrator saw.
 */
export async function cancelRequest(options: {
  actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">;
  input: CancelRequestInput;
  now?: Date;
}): Promise<CancelRequestResult> {
  const { actor } = options;
  if (!isOcasAdmin(actor)) return { ok: false, reason: "forbidden" };
  const parsed = CancelRequestSchema.safeParse(options.input);
  if (!parsed.success) {
    return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  }
  const { referenceNumber, reason, expectedVersion } = parsed.data;
  const request = await db.transcriptRequest.findFirst({
    where: { AND: [{ referenceNumber }, requestScope(actor)] },
    select: { id: true, status: true, version: true },
  });
  if (!request) return { ok: false, reason: "notFound" };
  if (request.version !== expectedVersion) return { ok: false, reason: "stale" };
  const to = nextStatus(request.status, "CANCEL");
  if (!to) return { ok: false, reason: "invalidTransition", status: request.status };
  const changed = await transitionRequest({
    actor,
    request,
    expectedVersion,
    to,
    now: options.now ?? new Date(),
    event: { type: "cancelled", data: { note: reason } },
  });
  if (!changed.ok) return { ok: false, reason: "stale" };
  return { ok: true, referenceNumber, from: request.status, version: changed.version };
}
