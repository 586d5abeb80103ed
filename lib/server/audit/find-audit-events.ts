import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { startOfTorontoDay } from "@/lib/domain/business-days";
import { AUDIT_PAGE_SIZE, type AuditFilters } from "@/lib/domain/audit-filters";
import type { Prisma } from "@/lib/generated/sqlite/client";

// The Audit Log (contracts §10), OCAS administrators only: every administrative change, newest first — who, when,
// what, before → after. Rows name their actor by id; the usernames are looked up once per page.

export type AuditRow = {
  id: string;
  at: Date;
  /** The actor's username, the system label ("intake-api", "system") or null when the account is gone. */
  actor: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** The `where` of the filters (an actor is a username, or a system label such as "intake-api"). */
async function whereOf(filters: AuditFilters): Promise<Prisma.AuditEventWhereInput> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filters.entity) and.push({ entity: filters.entity });
  if (filters.target) and.push({ entityId: filters.target });
  if (filters.actor) {
    const user = await db.user.findUnique({ where: { username: filters.actor }, select: { id: true } });
    and.push(user ? { OR: [{ actorId: user.id }, { actorLabel: filters.actor }] } : { actorLabel: filters.actor });
  }
  if (filters.from) and.push({ createdAt: { gte: startOfTorontoDay(filters.from) } });
  // The whole `to` day: before the start of the next calendar day (any day, not only business days).
  if (filters.to) and.push({ createdAt: { lt: startOfTorontoDay(nextDay(filters.to)) } });
  return { AND: and };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const ROW_SELECT = {
  id: true,
  createdAt: true,
  actorId: true,
  actorLabel: true,
  action: true,
  entity: true,
  entityId: true,
  before: true,
  after: true,
} as const;
type StoredRow = {
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: string | null;
  after: string | null;
};

async function withActors(rows: StoredRow[]): Promise<AuditRow[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const users = ids.length === 0 ? [] : await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, username: true } });
  const names = new Map(users.map((u) => [u.id, u.username]));
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt,
    actor: (r.actorId ? names.get(r.actorId) : undefined) ?? r.actorLabel,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: parse(r.before),
    after: parse(r.after),
  }));
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A page of the log, newest first, with the total; null for anyone but an OCAS administrator. */
export async function findAuditEvents(options: { actor: Pick<Actor, "role">; filters: AuditFilters }) {
  if (!isOcasAdmin(options.actor)) return null;
  const where = await whereOf(options.filters);
  const page = options.filters.page;
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where: where }),
    db.auditEvent.findMany({
      where: where,
      select: ROW_SELECT,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  return { rows: await withActors(rows), total, page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

const EXPORT_BATCH = 500;

/** Every row the filters match, newest first, in batches (the export streams them); nothing for anyone else. */
export async function* auditEventBatches(options: { actor: Pick<Actor, "role">; filters: AuditFilters }): AsyncGenerator<AuditRow[]> {
  if (!isOcasAdmin(options.actor)) return;
  const where = await whereOf(options.filters);
  let cursor: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const after: Prisma.AuditEventWhereInput = cursor
      ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
      : {};
    const rows: StoredRow[] = await db.auditEvent.findMany({
      where: { AND: [where, after] },
      select: ROW_SELECT,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: EXPORT_BATCH,
    });
    if (rows.length === 0) return;
    yield await withActors(rows);
    if (rows.length < EXPORT_BATCH) return;
    const last = rows[rows.length - 1]!;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}
