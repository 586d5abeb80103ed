import type { Prisma } from "@/lib/generated/sqlite/client";

// The export reads its rows with plain SQL (docs/decisions/0009-export-plain-sql.md), but its WHERE and ORDER BY
// are not written a second time: they are rendered from the very Prisma objects the dashboard queries with
// (requestWhere, requestOrderBy, and the keyset conditions of keyset.ts). The renderer knows the few operators
// those objects use and throws on anything else, so that a filter added to the dashboard can never be silently
// dropped from an export. Every value is a parameter; only column names from the tables below reach the SQL.

type Where = Prisma.TranscriptRequestWhereInput;
type OrderBy = Prisma.TranscriptRequestOrderByWithRelationInput;
export type Dialect = "sqlite" | "postgresql";

type ColumnType = "text" | "timestamp" | "integer" | { enum: string };

/** The columns of TranscriptRequest (alias r) a dashboard filter or sort may use, with their types. */
const REQUEST_COLUMNS: Readonly<Record<string, ColumnType>> = {
  id: "text",
  boardId: "text",
  schoolId: "text",
  referenceNumber: "text",
  requestNumber: "text",
  accountNumber: "text",
  oen: "text",
  firstNameFolded: "text",
  lastNameFolded: "text",
  lastAttended: "text",
  paidAt: "timestamp",
  sendAfter: "timestamp",
  status: { enum: "RequestStatus" },
  tab: { enum: "RequestTab" },
  requestType: { enum: "RequestType" },
  sendOption: { enum: "SendOption" },
};

type Relation = { table: string; foreignKey: string; columns: Readonly<Record<string, ColumnType>>; filterAlias: string; joinAlias: string };

/**
 * Required to-one relations of TranscriptRequest a filter or sort may go through. A filter is a sub-select on the
 * foreign key, as Prisma writes it; a sort needs the relation joined (`joinAlias`; see orderJoins).
 */
const RELATIONS: Readonly<Record<string, Relation>> = {
  school: { table: "School", foreignKey: "schoolId", columns: { mident: "text" }, filterAlias: "rs", joinAlias: "s" },
};

export const SQL_TRUE = "1 = 1";
export const SQL_FALSE = "1 = 0";

/** The values of one statement, in placeholder order. */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(readonly dialect: Dialect) {}

  /** The placeholder of `value` (cast to the column's type on PostgreSQL, whose parameters arrive untyped). */
  add(value: unknown, type: ColumnType = "text"): string {
    this.values.push(this.dialect === "sqlite" ? sqliteValue(value, type) : postgresValue(value, type));
    if (this.dialect === "sqlite") return "?";
    const placeholder = `$${this.values.length}`;
    if (type === "text") return placeholder;
    if (type === "timestamp") return `CAST(${placeholder} AS timestamp(3))`;
    if (type === "integer") return `CAST(${placeholder} AS integer)`;
    return `CAST(${placeholder} AS "${type.enum}")`;
  }
}

/**
 * A timestamp as SQLite holds it: Prisma's adapter stores ISO 8601 text with "+00:00" and compares it as text.
 * A string is a value read back from the database (a keyset position) and is passed through unchanged.
 */
function sqliteValue(value: unknown, type: ColumnType): unknown {
  if (type === "timestamp" && value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

/** PostgreSQL: `timestamp(3)` without time zone holds UTC; the parameter is its UTC wall time. */
function postgresValue(value: unknown, type: ColumnType): unknown {
  if (type === "timestamp" && value instanceof Date) return value.toISOString().slice(0, 23);
  if (type === "integer" && typeof value === "number") return String(value);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function unsupported(what: string, value: unknown): Error {
  return new Error(`export SQL: unsupported ${what} ${JSON.stringify(value)}`);
}

function all(parts: string[]): string {
  if (parts.length === 0) return SQL_TRUE;
  return parts.length === 1 ? parts[0]! : `(${parts.join(" AND ")})`;
}

function scalar(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number" || value instanceof Date;
}

/** One column's filter: a value (equals), null (IS NULL), or an object of operators (all of them hold). */
function columnSql(column: string, type: ColumnType, filter: unknown, params: SqlParams): string {
  if (filter === null) return `${column} IS NULL`;
  if (scalar(filter)) return `${column} = ${params.add(filter, type)}`;
  if (!isPlainObject(filter)) throw unsupported(`filter on ${column}`, filter);
  const parts: string[] = [];
  for (const [op, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    switch (op) {
      case "equals":
        parts.push(value === null ? `${column} IS NULL` : columnSql(column, type, value, params));
        break;
      case "not":
        if (value !== null) throw unsupported(`"not" on ${column}`, value);
        parts.push(`${column} IS NOT NULL`);
        break;
      case "in":
        if (!Array.isArray(value) || !value.every(scalar)) throw unsupported(`"in" on ${column}`, value);
        parts.push(value.length === 0 ? SQL_FALSE : `${column} IN (${value.map((v) => params.add(v, type)).join(", ")})`);
        break;
      case "lt":
      case "lte":
      case "gt":
      case "gte": {
        if (!scalar(value)) throw unsupported(`"${op}" on ${column}`, value);
        const sign = { lt: "<", lte: "<=", gt: ">", gte: ">=" }[op];
        parts.push(`${column} ${sign} ${params.add(value, type)}`);
        break;
      }
      default:
        throw unsupported(`operator "${op}" on ${column}`, value);
    }
  }
  return all(parts);
}

function whereOf(where: unknown, alias: string, columns: Readonly<Record<string, ColumnType>>, params: SqlParams): string {
  if (!isPlainObject(where)) throw unsupported("condition", where);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === "AND") {
      const list = Array.isArray(value) ? value : [value];
      parts.push(all(list.map((w) => whereOf(w, alias, columns, params))));
    } else if (key === "OR") {
      if (!Array.isArray(value)) throw unsupported("OR", value);
      parts.push(value.length === 0 ? SQL_FALSE : `(${value.map((w) => whereOf(w, alias, columns, params)).join(" OR ")})`);
    } else if (Object.hasOwn(columns, key)) {
      parts.push(columnSql(`${alias}."${key}"`, columns[key]!, value, params));
    } else if (alias === "r" && Object.hasOwn(RELATIONS, key)) {
      const relation = RELATIONS[key]!;
      // A required to-one relation filtered on its fields: the requests whose related row matches.
      if (!isPlainObject(value) || "is" in value || "isNot" in value) throw unsupported(`filter on ${key}`, value);
      const inner = whereOf(value, relation.filterAlias, relation.columns, params);
      parts.push(`r."${relation.foreignKey}" IN (SELECT ${relation.filterAlias}."id" FROM "${relation.table}" ${relation.filterAlias} WHERE ${inner})`);
    } else {
      throw unsupported("field", key);
    }
  }
  return all(parts);
}

/** The WHERE condition (without the keyword) of a TranscriptRequest filter on `r`. */
export function whereSql(where: Where, params: SqlParams): string {
  return whereOf(where, "r", REQUEST_COLUMNS, params);
}

function direction(value: unknown): "ASC" | "DESC" {
  if (value === "asc") return "ASC";
  if (value === "desc") return "DESC";
  throw unsupported("sort direction", value);
}

type OrderTerm = { sql: string; relation?: Relation };

function orderTerm(entry: OrderBy): OrderTerm {
  const fields = Object.entries(entry);
  if (fields.length !== 1) throw unsupported("order", entry);
  const [field, value] = fields[0]!;
  if (Object.hasOwn(REQUEST_COLUMNS, field)) return { sql: `r."${field}" ${direction(value)}` };
  const relation = Object.hasOwn(RELATIONS, field) ? RELATIONS[field]! : undefined;
  const inner = isPlainObject(value) ? Object.entries(value) : [];
  if (relation && inner.length === 1 && Object.hasOwn(relation.columns, inner[0]![0])) {
    return { sql: `${relation.joinAlias}."${inner[0]![0]}" ${direction(inner[0]![1])}`, relation };
  }
  throw unsupported("order", entry);
}

/** The ORDER BY list (without the keywords) of a dashboard order; each database's default NULL placement, as Prisma. */
export function orderSql(orderBy: readonly OrderBy[]): string {
  return orderBy.map((entry) => orderTerm(entry).sql).join(", ");
}

/**
 * The joins an order needs (the school's MIDENT for the School sort), as LEFT JOINs: the request stays the outer
 * loop of the plan (see export-rows.ts). Empty for orders on the request's own columns.
 */
export function orderJoins(orderBy: readonly OrderBy[]): string {
  const relations = new Set(orderBy.map((entry) => orderTerm(entry).relation).filter((r): r is Relation => r !== undefined));
  return [...relations].map((r) => `LEFT JOIN "${r.table}" ${r.joinAlias} ON ${r.joinAlias}."id" = r."${r.foreignKey}"`).join(" ");
}
