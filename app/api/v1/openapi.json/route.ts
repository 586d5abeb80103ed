import { intakeOpenApi } from "@/lib/server/intake/openapi";

// Static: the document only changes with the code.
export const dynamic = "force-static";

/** The intake API's OpenAPI 3.1 description (contracts §5). */
export function GET() {
  return Response.json(intakeOpenApi);
}
