import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { sealSecret } from "@/lib/auth/secret-box";
import { db } from "@/lib/db";
import { generateWebhookSecret } from "@/lib/domain/transmission/signature";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { COLLEGE_CODE_MAX_LENGTH } from "./college-schema";
import { COLLEGE_SELECT, visibleCollege, type VisibleCollege } from "./get-colleges";

export type GenerateSecretResult = { ok: true; secret: string; college: VisibleCollege } | { ok: false; reason: "forbidden" | "notFound" };

/**
 * A new signing secret for a college (contracts §4: `whsec_` + base64, shown once, stored encrypted), OCAS
 * administrators only. It replaces the current one at once. The plain secret is in the answer, for the page to show
 * once; it is stored sealed (lib/auth/secret-box.ts), never logged, and its audit row (`college.secret`) says only
 * that it changed.
 */
export async function generateCollegeSecret(options: {
  actor: Pick<Actor, "id" | "role">;
  code: string;
  now?: Date;
  generate?: () => string;
}): Promise<GenerateSecretResult> {
  const { actor } = options;
  if (!isOcasAdmin(actor)) return { ok: false, reason: "forbidden" };
  const code = options.code.trim();
  if (code === "" || code.length > COLLEGE_CODE_MAX_LENGTH) return { ok: false, reason: "notFound" };
  const college = await db.college.findUnique({ where: { code }, select: { id: true, code: true } });
  if (!college) return { ok: false, reason: "notFound" };

  const secret = (options.generate ?? generateWebhookSecret)();
  const now = options.now ?? new Date();
  const saved = await db.$transaction(async (tx) => {
    await tx.college.update({ where: { id: college.id }, data: { deliverySecret: sealSecret(secret), secretSetAt: now } });
    await recordAudit(tx, { actorId: actor.id, action: "college.secret", entity: "college", entityId: college.code, after: { secret: "changed" }, at: now });
    return tx.college.findUniqueOrThrow({ where: { id: college.id }, select: COLLEGE_SELECT });
  });
  return { ok: true, secret, college: visibleCollege(saved) };
}
