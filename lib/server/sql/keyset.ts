import type { Prisma } from "@/lib/generated/sqlite/client";
import { RequestStatus, RequestType, SendOption } from "@/lib/generated/sqlite/enums";

// Keyset ("seek") pagination over the dashboard's sort orders, so that an export reads a whole board's year in
// batches of constant cost. Prisma's own `cursor` does the same job but writes "after the cursor" as an OR of
// column comparisons against sub-selects, which neither SQLite nor PostgreSQL can turn into an index range: each
// batch re-reads everything before it (measured: 14,000 rows/s on the default sort and under 1,000 rows/s on Send
// Date at 100,000 rows). Here "after row r" is written `c1 >= r.c1 AND (c1 > r.c1 OR (…rest after r…))`, whose
// first term is an index range on the sort column. The conditions are Prisma filters, rendered to SQL together
// with the dashboard's own filter by export-sql.ts.

type Where = Prisma.TranscriptRequestWhereInput;
type OrderBy = Prisma.TranscriptRequestOrderByWithRelationInput;
type Dir = "asc" | "desc";
export type Provider = "sqlite" | "postgresql";

/** The values of the sort columns of one row: the position the next batch starts after. Timestamps may be given
 * as the database returned them (SQLite: ISO 8601 text), which compares exactly as stored. */
export type KeysetRow = {
  id: string;
  referenceNumber: string;
  paidAt: Date | string;
  lastNameFolded: string;
  firstNameFolded: string;
  lastAttended: string;
  requestType: RequestType;
  sendOption: SendOption;
  sendAfter: Date | string | null;
  status: RequestStatus;
  school: { mident: string };
};

const SCALAR_FIELDS = ["id", "referenceNumber", "paidAt", "lastNameFolded", "firstNameFolded", "lastAttended"] as const;
type ScalarField = (typeof SCALAR_FIELDS)[number];
/** Enums in their declaration order (PostgreSQL sorts enums by it; SQLite stores and sorts them as text). */
const ENUM_FIELDS = {
  requestType: Object.values(RequestType),
  sendOption: Object.values(SendOption),
  status: Object.values(RequestStatus),
} as const;
type EnumField = keyof typeof ENUM_FIELDS;
const UNIQUE_FIELDS: readonly string[] = ["id", "referenceNumber"];

type Key =
  | { kind: "scalar"; field: ScalarField; dir: Dir }
  | { kind: "enum"; field: EnumField; dir: Dir; order: readonly string[] }
  | { kind: "nullable"; field: "sendAfter"; dir: Dir; nullsFirst: boolean }
  | { kind: "school"; dir: Dir };

const NOTHING: Where = { id: { in: [] } };

function isDir(v: unknown): v is Dir {
  return v === "asc" || v === "desc";
}

/**
 * The keys of an orderBy of the dashboard, ending with a unique one (the id is appended when the order does not
 * end with one, so that no row can be skipped or repeated between batches).
 */
export function keysetKeys(orderBy: readonly OrderBy[], provider: Provider): Key[] {
  const keys: Key[] = orderBy.map((entry) => {
    const [field, value] = Object.entries(entry)[0] ?? [];
    if (field === "school" && value && typeof value === "object" && isDir((value as { mident?: unknown }).mident)) {
      return { kind: "school", dir: (value as { mident: Dir }).mident };
    }
    if (!isDir(value)) throw new Error(`unsupported export order ${JSON.stringify(entry)}`);
    if ((SCALAR_FIELDS as readonly string[]).includes(field!)) return { kind: "scalar", field: field as ScalarField, dir: value };
    if (field! in ENUM_FIELDS) {
      const declared = ENUM_FIELDS[field as EnumField];
      return { kind: "enum", field: field as EnumField, dir: value, order: provider === "postgresql" ? declared : [...declared].sort() };
    }
    // SQLite puts NULL first in ascending order, PostgreSQL last; the dashboard uses each database's default.
    if (field === "sendAfter") return { kind: "nullable", field, dir: value, nullsFirst: (provider === "sqlite") === (value === "asc") };
    throw new Error(`unsupported export order ${JSON.stringify(entry)}`);
  });
  const last = keys.at(-1);
  if (!last || last.kind !== "scalar" || !UNIQUE_FIELDS.includes(last.field)) keys.push({ kind: "scalar", field: "id", dir: last?.dir ?? "asc" });
  return keys;
}

/** The orderBy that matches the keys (the dashboard's own, plus the tie-breaker keysetKeys may have added). */
export function keysetOrderBy(keys: readonly Key[]): OrderBy[] {
  return keys.map((k) => (k.kind === "school" ? { school: { mident: k.dir } } : { [k.field]: k.dir }));
}

function valueOf(key: Key, row: KeysetRow): string | Date | null {
  return key.kind === "school" ? row.school.mident : row[key.field];
}

function strictlyAfter(key: Key, v: string | Date | null): Where {
  const op = key.dir === "asc" ? "gt" : "lt";
  switch (key.kind) {
    case "scalar":
      return { [key.field]: { [op]: v } };
    case "school":
      return { school: { mident: { [op]: v as string } } };
    case "enum": {
      const i = key.order.indexOf(v as string);
      const later = key.dir === "asc" ? key.order.slice(i + 1) : key.order.slice(0, Math.max(i, 0));
      return later.length ? { [key.field]: { in: later } } : NOTHING;
    }
    case "nullable":
      if (v === null) return key.nullsFirst ? { [key.field]: { not: null } } : NOTHING;
      return key.nullsFirst ? { [key.field]: { [op]: v } } : { OR: [{ [key.field]: { [op]: v } }, { [key.field]: null }] };
  }
}

function atOrAfter(key: Key, v: string | Date | null): Where {
  const op = key.dir === "asc" ? "gte" : "lte";
  switch (key.kind) {
    case "scalar":
      return { [key.field]: { [op]: v } };
    case "school":
      return { school: { mident: { [op]: v as string } } };
    case "enum": {
      const i = key.order.indexOf(v as string);
      return { [key.field]: { in: key.dir === "asc" ? key.order.slice(i) : key.order.slice(0, i + 1) } };
    }
    case "nullable":
      return { OR: [{ [key.field]: v }, strictlyAfter(key, v)] };
  }
}

/** Rows strictly after `row` in the order of `keys`. */
export function keysetAfter(keys: readonly Key[], row: KeysetRow): Where {
  const build = (i: number): Where => {
    const key = keys[i]!;
    const v = valueOf(key, row);
    if (i === keys.length - 1) return strictlyAfter(key, v);
    return { AND: [atOrAfter(key, v), { OR: [strictlyAfter(key, v), build(i + 1)] }] };
  };
  return build(0);
}
