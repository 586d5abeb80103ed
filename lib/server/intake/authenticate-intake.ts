import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";

export type IntakeAuth = "ok" | "missing" | "invalid" | "disabled";

const digest = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest();

/**
 * Checks `Authorization: Bearer <INTAKE_API_KEY>`. The keys are compared as SHA-256 digests with timingSafeEqual:
 * equal lengths whatever was sent, and no early exit that would leak how much of the key matched.
 */
export function authenticateIntake(request: Request): IntakeAuth {
  const key = env().INTAKE_API_KEY;
  if (!key) return "disabled";
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
  if (!match) return "missing";
  return crypto.timingSafeEqual(digest(match[1]!), digest(key)) ? "ok" : "invalid";
}
