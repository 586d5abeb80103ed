import "server-only";
import { authenticateIntake } from "./authenticate-intake";

// The answers of the intake API that every endpoint shares (contracts §5, lib/server/intake/openapi.ts).

export const intakeJson = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

/** The refusal for a request without the right key, or null when the key is right. */
export function intakeAuthRefusal(request: Request): Response | null {
  switch (authenticateIntake(request)) {
    case "ok":
      return null;
    case "disabled":
      return intakeJson(503, { error: "intake_disabled", message: "The intake API is not configured on this server." });
    case "missing":
    case "invalid":
      return intakeJson(401, { error: "unauthorized", message: "A valid bearer key is required." }, { "WWW-Authenticate": 'Bearer realm="trms-intake"' });
  }
}
