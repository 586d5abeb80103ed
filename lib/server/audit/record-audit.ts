import "server-only";
import type { DbOrTx } from "@/lib/db";

// The audit row of an administrative change (contracts §10: who, when, what, before → after), written in the
// change's own transaction. `before` and `after` hold only the fields that changed; a secret never appears in them,
// only the fact that it changed.

export type AuditChange = {
  actorId: string;
  /** e.g. "college.update", "college.secret", "transmission.downloaded". */
  action: string;
  entity: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  at?: Date;
};

export async function recordAudit(tx: DbOrTx, change: AuditChange): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: change.actorId,
      action: change.action,
      entity: change.entity,
      entityId: change.entityId,
      before: change.before ? JSON.stringify(change.before) : null,
      after: change.after ? JSON.stringify(change.after) : null,
      ...(change.at ? { createdAt: change.at } : {}),
    },
  });
}
