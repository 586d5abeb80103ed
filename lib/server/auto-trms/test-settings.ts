import "server-only";
import { loopbackHttpAllowed } from "@/lib/env";
import { openSecret } from "@/lib/auth/secret-box";
import { canManageUsers } from "@/lib/auth/roles";
import { testSisConnection } from "@/lib/sis/test-connection";
import { findManageableBoard, type SettingsActor } from "./manageable-board";
import { endpointUrlProblem, SecretSchema } from "./settings-schema";

const E = "admin.autoTrms.errors";

export type SisTestOutcome = Awaited<ReturnType<typeof testSisConnection>>;

export type TestAutoTrmsResult =
  | { ok: true; outcome: SisTestOutcome; source: "stored" | "typed" }
  | { ok: false; reason: "forbidden" | "notFound" | "notConfigured" | "secretUnreadable" }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> };

/**
 * "Test connection": calls the board's SIS with the address and secret typed in the form, or else the stored ones.
 * The stored secret is only ever sent to the stored address: testing a new address needs its secret typed too, so
 * that nobody can have the secret sent to a server of their choosing without knowing it.
 */
export async function testAutoTrmsConnection(options: {
  actor: SettingsActor;
  boardNumber?: string | null;
  url?: string;
  secret?: string;
  production?: boolean;
  log?: (line: string) => void;
}): Promise<TestAutoTrmsResult> {
  const { actor } = options;
  const production = options.production ?? !loopbackHttpAllowed();
  const log = options.log ?? ((line: string) => console.info(line));
  if (!canManageUsers(actor)) return { ok: false, reason: "forbidden" };
  const board = await findManageableBoard({ actor, boardNumber: options.boardNumber });
  if (!board) return { ok: false, reason: "notFound" };

  const typedUrl = options.url?.trim() ?? "";
  const typedSecret = options.secret ?? "";
  const newUrl = typedUrl !== "" && typedUrl !== board.autoTrmsUrl;
  const fieldErrors: Record<string, string[]> = {};
  const add = (field: string, key: string) => (fieldErrors[field] ??= []).push(key);
  if (newUrl) {
    const problem = endpointUrlProblem(typedUrl, { production });
    if (problem) add("url", problem);
    if (typedSecret === "" && board.autoTrmsSecret) add("secret", `${E}.secretRequiredForNewUrl`);
  }
  if (typedSecret !== "") for (const issue of SecretSchema.safeParse(typedSecret).error?.issues ?? []) add("secret", issue.message);
  if (Object.keys(fieldErrors).length > 0) return { ok: false, reason: "invalid", fieldErrors };

  const url = typedUrl || board.autoTrmsUrl;
  let secret: string | null = typedSecret || null;
  if (secret === null && board.autoTrmsSecret) {
    secret = openSecret(board.autoTrmsSecret);
    // Sealed with another AUTH_SECRET: it must be typed again.
    if (secret === null) return { ok: false, reason: "secretUnreadable" };
  }
  if (!url || !secret) return { ok: false, reason: "notConfigured" };

  const outcome = await testSisConnection({ url, secret });
  const status = "httpStatus" in outcome && outcome.httpStatus !== undefined ? ` (HTTP ${outcome.httpStatus})` : "";
  log(`[auto-trms] board ${board.number} connection test by ${actor.username} (${actor.id}): ${outcome.ok ? "connected" : outcome.problem}${status}`);
  return { ok: true, outcome, source: typedUrl || typedSecret ? "typed" : "stored" };
}

/** The message telling the user how the test went, in their language (keys under admin.autoTrms.test). */
export function connectionTestMessage(outcome: SisTestOutcome): { ok: boolean; messageKey: string; values?: Record<string, number> } {
  const T = "admin.autoTrms.test";
  if (outcome.ok) return { ok: true, messageKey: `${T}.connected`, values: { status: outcome.httpStatus } };
  switch (outcome.problem) {
    case "unauthorized":
      return { ok: false, messageKey: `${T}.unauthorized` };
    case "timeout":
      return { ok: false, messageKey: `${T}.timeout` };
    case "unreachable":
      return { ok: false, messageKey: `${T}.unreachable` };
    case "badAnswer":
      return outcome.httpStatus !== undefined
        ? { ok: false, messageKey: `${T}.badAnswerStatus`, values: { status: outcome.httpStatus } }
        : { ok: false, messageKey: `${T}.badAnswer` };
  }
}
