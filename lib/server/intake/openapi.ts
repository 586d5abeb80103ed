import { z } from "zod";
import { INTAKE_BODY_MAX_BYTES, intakeSchemas } from "./intake-schema";

// The intake API as OpenAPI 3.1, served at GET /api/v1/openapi.json. The request body's schemas are rendered from the
// zod schemas the API enforces (intake-schema.ts), so the document cannot drift from the code; what zod cannot say
// (a date that must be real, sendAfter's dependence on sendOption) is in the descriptions.

/** The body's schemas as JSON Schema 2020-12 (OpenAPI 3.1's dialect), the applicant referenced by name. */
function bodySchemas(): Record<string, object> {
  const { schemas } = z.toJSONSchema(intakeSchemas, {
    io: "input",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

const error = (description: string, example: Record<string, unknown>) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" }, example } },
});

const unauthorized = error("Missing or wrong bearer key.", { error: "unauthorized" });
const disabled = error("The intake API has no key configured (INTAKE_API_KEY) and is off.", {
  error: "intake_disabled",
  message: "The intake API is not configured on this server.",
});

export const intakeOpenApi = {
  openapi: "3.1.0",
  info: {
    title: "TRMS intake API",
    version: "1.0.0",
    description:
      "Transcript requests from the application service, after the applicant has paid. Every call needs " +
      "`Authorization: Bearer <INTAKE_API_KEY>`. Calls are idempotent by `requestNumber`.",
  },
  servers: [{ url: "/" }],
  security: [{ bearerKey: [] }],
  paths: {
    "/api/v1/transcript-requests": {
      post: {
        operationId: "createTranscriptRequest",
        summary: "Create a transcript request",
        description:
          "Creates the request (status Action Required, in the school's To Do tab) and answers its reference number. " +
          "The same `requestNumber` sent again with the same body (ignoring key order and spacing) answers the same " +
          "201 and creates nothing; with a different body, 409. The applicant is found by `accountNumber` or created; " +
          "a known applicant's email, phone and preferred language are updated from the request. " +
          `Bodies over ${INTAKE_BODY_MAX_BYTES} bytes are refused (413).`,
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/TranscriptRequest" } } },
        },
        responses: {
          "201": {
            description: "Created (or the same request received again).",
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Created" },
                example: { referenceNumber: "REF-12345678", status: "ACTION_REQUIRED" },
              },
            },
          },
          "400": error("Not JSON, or invalid fields (`fieldErrors` by field path).", {
            error: "validation",
            fieldErrors: { "applicant.dateOfBirth": ["is not a real calendar date"], sendAfter: ["is required when sendOption is END_OF_SEMESTER"] },
          }),
          "401": unauthorized,
          "409": error("This requestNumber was already received with a different body.", {
            error: "conflict",
            message: "requestNumber 100200300 was already received with a different body",
          }),
          "413": error("Body too large.", { error: "payload_too_large", message: `The body exceeds ${INTAKE_BODY_MAX_BYTES} bytes.` }),
          "422": error("Unknown school MIDENT or college code.", {
            error: "unknown_reference",
            message: "Unknown school MIDENT 123456, college code ABCD",
            fieldErrors: { schoolMident: ["unknown school MIDENT 123456"], "destinations.1": ["unknown college code ABCD"] },
          }),
          "503": disabled,
        },
      },
    },
    "/api/v1/transcript-requests/{requestNumber}/cancel": {
      post: {
        operationId: "cancelTranscriptRequest",
        summary: "Cancel a transcript request",
        description:
          "Cancels a request that is not complete (status Request Cancelled). Cancelling a cancelled request answers " +
          "200 again; a complete request (a transcript was sent) cannot be cancelled (409). No body.",
        parameters: [
          {
            name: "requestNumber",
            in: "path",
            required: true,
            description: "The application service's request number, as sent when the request was created.",
            schema: { type: "string", pattern: "^[0-9]{1,20}$" },
          },
        ],
        responses: {
          "200": {
            description: "Cancelled (now or before).",
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Cancelled" },
                example: { referenceNumber: "REF-12345678", status: "REQUEST_CANCELLED" },
              },
            },
          },
          "401": unauthorized,
          "404": error("No request has this request number.", { error: "not_found" }),
          "409": error("The request is complete and cannot be cancelled.", {
            error: "not_cancellable",
            message: "Request REF-12345678 is complete (E_TRANSCRIPT_SENT) and cannot be cancelled.",
            status: "E_TRANSCRIPT_SENT",
          }),
          "503": disabled,
        },
      },
    },
  },
  components: {
    securitySchemes: { bearerKey: { type: "http", scheme: "bearer", description: "The INTAKE_API_KEY of the TRMS server." } },
    schemas: {
      ...bodySchemas(),
      Created: {
        type: "object",
        required: ["referenceNumber", "status"],
        properties: { referenceNumber: { type: "string", pattern: "^REF-[0-9]{8}$" }, status: { const: "ACTION_REQUIRED" } },
      },
      Cancelled: {
        type: "object",
        required: ["referenceNumber", "status"],
        properties: { referenceNumber: { type: "string", pattern: "^REF-[0-9]{8}$" }, status: { const: "REQUEST_CANCELLED" } },
      },
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            enum: [
              "unauthorized",
              "intake_disabled",
              "invalid_json",
              "validation",
              "unknown_reference",
              "conflict",
              "payload_too_large",
              "not_found",
              "not_cancellable",
            ],
          },
          message: { type: "string" },
          fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
        },
      },
    },
  },
};
