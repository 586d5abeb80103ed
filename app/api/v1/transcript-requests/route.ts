import { INTAKE_BODY_MAX_BYTES, parseIntakeRequest } from "@/lib/server/intake/intake-schema";
import { intakeAuthRefusal, intakeJson } from "@/lib/server/intake/intake-responses";
import { readJsonBody } from "@/lib/server/http/read-body";
import { createRequest } from "@/lib/server/intake/create-request";

export const dynamic = "force-dynamic";

/** A transcript request from the application service (contracts §5). */
export async function POST(request: Request) {
  const refusal = intakeAuthRefusal(request);
  if (refusal) return refusal;

  const body = await readJsonBody(request, INTAKE_BODY_MAX_BYTES);
  if (!body.ok) {
    return body.reason === "tooLarge"
      ? intakeJson(413, { error: "payload_too_large", message: `The body exceeds ${INTAKE_BODY_MAX_BYTES} bytes.` })
      : intakeJson(400, { error: "invalid_json", message: "The body is not valid JSON." });
  }
  const parsed = parseIntakeRequest(body.value);
  if (!parsed.ok) return intakeJson(400, { error: "validation", fieldErrors: parsed.fieldErrors });

  const result = await createRequest(parsed.data);
  switch (result.kind) {
    case "created":
    case "replayed":
      return intakeJson(201, { referenceNumber: result.referenceNumber, status: result.status });
    case "conflict":
      return intakeJson(409, { error: "conflict", message: `requestNumber ${result.requestNumber} was already received with a different body` });
    case "unknownReferences":
      return intakeJson(422, { error: "unknown_reference", message: result.message, fieldErrors: result.fieldErrors });
  }
}
