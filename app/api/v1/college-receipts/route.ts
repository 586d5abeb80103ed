import { readRawBody } from "@/lib/server/http/read-body";
import { RECEIPT_BODY_MAX_BYTES, receiveCollegeReceipt } from "@/lib/server/transmission/receive-receipt";

export const dynamic = "force-dynamic";

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/** A college's receipt for a batch it received (contracts §4), signed with its signing secret. */
export async function POST(request: Request) {
  const body = await readRawBody(request, RECEIPT_BODY_MAX_BYTES);
  if (!body.ok && body.reason === "tooLarge") return json(413, { error: "payload_too_large", message: `The body exceeds ${RECEIPT_BODY_MAX_BYTES} bytes.` });
  const result = await receiveCollegeReceipt({
    headers: {
      id: request.headers.get("webhook-id"),
      timestamp: request.headers.get("webhook-timestamp"),
      signature: request.headers.get("webhook-signature"),
    },
    body: body.ok ? body.bytes : new Uint8Array(),
  });
  switch (result.kind) {
    case "applied":
      return json(200, { status: "accepted", applied: result.applied, unchanged: result.unchanged });
    case "unauthorized":
      return json(401, { error: "unauthorized", message: UNAUTHORIZED[result.reason] });
    case "invalidJson":
      return json(400, { error: "invalid_json", message: "The body is not valid JSON." });
    case "invalid":
      return json(400, { error: "validation", issues: result.issues });
    case "unknownBatch":
      return json(422, { error: "unknown_batch", message: `No batch ${result.batchId} was sent to this college.` });
    case "unknownReference":
      return json(422, {
        error: "unknown_reference",
        message: `Batch ${result.batchId} holds no item for ${result.references.join(", ")}.`,
        references: result.references,
      });
  }
}

const UNAUTHORIZED = {
  missingHeaders: "The webhook-id, webhook-timestamp and webhook-signature headers are required.",
  badTimestamp: "webhook-timestamp must be a Unix time in seconds.",
  stale: "webhook-timestamp is more than 5 minutes away from the server's clock.",
  badSignature: "The signature does not match the signing secret of any college.",
} as const;
