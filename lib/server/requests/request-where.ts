import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { startOfTorontoDay } from "@/lib/domain/business-days";
import { foldName } from "@/lib/domain/fold";
import type { RequestSearch, SortDir, SortKey } from "@/lib/domain/request-search";
import type { Prisma } from "@/lib/generated/sqlite/client";

type Where = Prisma.TranscriptRequestWhereInput;

// Above every code point: `prefix <= x < prefix + MAX` is "x starts with prefix" as an index range. The folded
// columns hold lower-case, accent-free text and compare by code point (SQLite BINARY, PostgreSQL COLLATE "C").
const MAX_CODE_POINT = String.fromCodePoint(0x10ffff);

function prefix(column: "firstNameFolded" | "lastNameFolded", value: string): Where {
  const folded = foldName(value);
  return folded ? { [column]: { gte: folded, lt: folded + MAX_CODE_POINT } } : {};
}

/** The search fields of the dashboard and the exports, without tab or status. */
export function searchFilters(search: RequestSearch): Where[] {
  const and: Where[] = [];
  if (search.from) and.push({ paidAt: { gte: startOfTorontoDay(search.from) } });
  // The end date is inclusive: everything before the next Toronto day starts.
  if (search.to) and.push({ paidAt: { lt: startOfTorontoDay(nextDay(search.to)) } });
  if (search.requestNumber) and.push({ requestNumber: search.requestNumber });
  if (search.accountNumber) and.push({ accountNumber: search.accountNumber });
  if (search.referenceNumber) and.push({ referenceNumber: search.referenceNumber });
  if (search.oen) and.push({ oen: search.oen });
  if (search.firstName) and.push(prefix("firstNameFolded", search.firstName));
  if (search.lastName) and.push(prefix("lastNameFolded", search.lastName));
  if (search.lastAttended) and.push({ lastAttended: search.lastAttended });
  if (search.school) and.push({ school: { mident: search.school } });
  return and;
}

/** Which statuses the table shows: the tab's, or those of the status filter (ALL: every tab). */
export function statusFilter(search: RequestSearch): Where {
  if (search.statuses === "ALL") return {};
  if (search.statuses) return { status: { in: search.statuses } };
  return { tab: search.tab };
}

/** Scope first, always: the actor's scope is part of every query built here. */
export function requestWhere(actor: Actor, search: RequestSearch, options: { withStatus: boolean }): Where {
  const and: Where[] = [requestScope(actor), ...searchFilters(search)];
  if (options.withStatus) and.push(statusFilter(search));
  return { AND: and };
}

export function requestOrderBy(sort: SortKey, dir: SortDir): Prisma.TranscriptRequestOrderByWithRelationInput[] {
  const flip: SortDir = dir === "asc" ? "desc" : "asc";
  switch (sort) {
    case "requestDate":
      return [{ paidAt: dir }, { id: dir }];
    // Older requests have a greater age.
    case "age":
      return [{ paidAt: flip }, { id: flip }];
    case "referenceNumber":
      return [{ referenceNumber: dir }];
    case "name":
      return [{ lastNameFolded: dir }, { firstNameFolded: dir }, { id: dir }];
    case "requestType":
      return [{ requestType: dir }, { paidAt: "desc" }, { id: "desc" }];
    case "lastAttended":
      return [{ lastAttended: dir }, { paidAt: "desc" }, { id: "desc" }];
    case "sendDate":
      return [{ sendOption: dir }, { sendAfter: dir }, { paidAt: "desc" }, { id: "desc" }];
    case "status":
      return [{ status: dir }, { paidAt: "desc" }, { id: "desc" }];
    case "school":
      return [{ school: { mident: dir } }, { paidAt: "desc" }, { id: "desc" }];
  }
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
