import { cancelIntakeRequest } from "@/lib/server/intake/cancel-request";
import { REQUEST_NUMBER_PATTERN } from "@/lib/server/intake/intake-schema";
import { intakeAuthRefusal, intakeJson } from "@/lib/server/intake/intake-responses";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ requestNumber: string }> };

/** The applicant cancelled with the application service (contracts §5). */
export async function POST(request: Request, context: Context) {
  const refusal = intakeAuthRefusal(request);
  if (refusal) return refusal;

  const { requestNumber } = await context.params;
  const notFound = intakeJson(404, { error: "not_found", message: "No request has this request number." });
  if (!REQUEST_NUMBER_PATTERN.test(requestNumber)) return notFound;

  const result = await cancelIntakeRequest({ requestNumber });
  switch (result.kind) {
    case "cancelled":
    case "alreadyCancelled":
      return intakeJson(200, { referenceNumber: result.referenceNumber, status: result.status });
    case "notFound":
      return notFound;
    case "notCancellable":
      return intakeJson(409, {
        error: "not_cancellable",
        message: `Request ${result.referenceNumber} is complete (${result.status}) and cannot be cancelled.`,
        status: result.status,
      });
  }
}
