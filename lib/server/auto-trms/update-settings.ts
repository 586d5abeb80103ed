import "server-only";
import { db } from "@/lib/db";
import { loopbackHttpAllowed } from "@/lib/env";
import { sealSecret } from "@/lib/auth/secret-box";
import { canManageUsers } from "@/lib/auth/roles";
import { findManageableBoard, manageableBoardScope, type SettingsActor } from "./manageable-board";
import { endpointUrlProblem, SecretSchema, SettingsFormSchema, type SettingsFormInput } from "./settings-schema";
import { visibleSettings, type AutoTrmsSettings } from "./get-settings";

const E = "admin.autoTrms.errors";

/** Per field: message keys. */
type FieldErrors = Record<string, string[]>;

export type SecretChange = "kept" | "replaced" | "removed";

export type UpdateAutoTrmsResult =
  | { ok: true; settings: AutoTrmsSettings; secret: SecretChange }
  | { ok: false; reason: "forbidden" | "notFound" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors; messageKey?: string };

/**
 * Saves a board's Auto-TRMS settings (product §6, §11). An empty secret keeps the stored one; "remove" clears it;
 * a new one is stored encrypted. Turning Auto-TRMS on needs an address and a secret. An address already stored is
 * kept as it is (the demo's SIS double is plain HTTP on the machine itself, also in production mode); a new one must
 * pass the HTTPS rule. Every change is written to the server log, never with the secret.
 */
export async function updateAutoTrmsSettings(options: {
  actor: SettingsActor;
  boardNumber?: string | null;
  input: SettingsFormInput;
  production?: boolean;
  log?: (line: string) => void;
}): Promise<UpdateAutoTrmsResult> {
  const { actor, input } = options;
  const production = options.production ?? !loopbackHttpAllowed();
  const log = options.log ?? ((line: string) => console.info(line));
  if (!canManageUsers(actor)) return { ok: false, reason: "forbidden" };
  const board = await findManageableBoard({ actor, boardNumber: options.boardNumber });
  if (!board) return { ok: false, reason: "notFound" };

  const parsed = SettingsFormSchema.safeParse(input);
  const fieldErrors: FieldErrors = {};
  const add = (field: string, key: string) => (fieldErrors[field] ??= []).push(key);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(String(issue.path[0] ?? "form"), issue.message);
    return { ok: false, reason: "invalid", fieldErrors };
  }
  const { enabled: enabledField, url: typedUrl, secret, removeSecret } = parsed.data;
  const enabled = enabledField === "on";
  const url = typedUrl === "" ? null : typedUrl;

  if (url !== null && url !== board.autoTrmsUrl) {
    const problem = endpointUrlProblem(url, { production });
    if (problem) add("url", problem);
  }
  if (secret !== "") {
    if (removeSecret) add("secret", `${E}.secretOrRemove`);
    else for (const issue of SecretSchema.safeParse(secret).error?.issues ?? []) add("secret", issue.message);
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, reason: "invalid", fieldErrors };

  const secretChange: SecretChange = secret !== "" ? "replaced" : removeSecret && board.autoTrmsSecret ? "removed" : "kept";
  const sealed = secretChange === "replaced" ? sealSecret(secret) : secretChange === "removed" ? null : board.autoTrmsSecret;
  if (enabled && (url === null || sealed === null)) {
    if (url === null) add("url", `${E}.urlRequiredToEnable`);
    if (sealed === null) add("secret", `${E}.secretRequiredToEnable`);
    return { ok: false, reason: "invalid", fieldErrors, messageKey: `${E}.incompleteToEnable` };
  }

  // The scope again in the write: the board must still be the actor's.
  const updated = await db.board.updateMany({
    where: { AND: [{ id: board.id }, manageableBoardScope(actor)] },
    data: { autoTrmsEnabled: enabled, autoTrmsUrl: url, autoTrmsSecret: sealed },
  });
  if (updated.count !== 1) return { ok: false, reason: "notFound" };
  const saved = await db.board.findUniqueOrThrow({
    where: { id: board.id },
    select: { id: true, number: true, nameEn: true, nameFr: true, autoTrmsEnabled: true, autoTrmsUrl: true, autoTrmsSecret: true, updatedAt: true },
  });

  log(
    [
      `[auto-trms] board ${board.number} settings saved by ${actor.username} (${actor.id}):`,
      `enabled ${board.autoTrmsEnabled ? "on" : "off"} -> ${enabled ? "on" : "off"},`,
      `endpoint ${url === board.autoTrmsUrl ? "unchanged" : `${describeUrl(board.autoTrmsUrl)} -> ${describeUrl(url)}`},`,
      `secret ${secretChange}`,
    ].join(" "),
  );
  return { ok: true, settings: visibleSettings(saved), secret: secretChange };
}

/** An address for the log: its origin only (a path or query could carry something private). */
function describeUrl(url: string | null) {
  if (url === null) return "none";
  try {
    return new URL(url).origin;
  } catch {
    return "invalid";
  }
}
