import type { SlaState } from "@/lib/domain/business-days";
import type { NoUploadAction, RequestStatus } from "@/lib/domain/statuses";

/** One dashboard row, already formatted on the server: the RSC payload carries these values, not the markup. */
export type RowData = {
  /** The Toronto date the request was paid, YYYY-MM-DD (paidAtText is it as shown). */
  paidAt: string;
  paidAtText: string;
  age: number;
  sla: SlaState;
  reference: string;
  applicantId: string;
  name: string;
  type: string;
  lastAttended: string;
  send: string;
  status: RequestStatus;
  statusText: string;
  school: string | null;
  /** Upload Transcript + the no-upload responses allowed; Re-upload Transcript; nothing. */
  action: "open" | "reupload" | null;
  responses: NoUploadAction[];
  version: number;
  /** Send at End of Semester, not due yet: the long date it becomes due. */
  notDue?: string;
};

/**
 * RowData as the RSC payload carries it (the page's HTML holds it once more, beside the markup): one tuple a row,
 * each text that repeats from row to row (dates, types, statuses, schools…) an index into `texts`. Half the size of
 * the objects, which the dashboard's HTML budget needs (quality.md).
 */
export type PackedRows = { texts: string[]; rows: [string, string, string, string, number, number, ...number[]][] };

const UNIQUE = ["paidAt", "reference", "applicantId", "name", "age", "version"] as const;
const REPEATED = ["paidAtText", "sla", "type", "lastAttended", "send", "status", "statusText", "school", "action", "responses", "notDue"] as const;

export function packRows(rows: RowData[]): PackedRows {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const text = (value: string | null | undefined): number => {
    if (value === null || value === undefined) return -1;
    let i = index.get(value);
    if (i === undefined) {
      i = texts.push(value) - 1;
      index.set(value, i);
    }
    return i;
  };
  return {
    texts,
    rows: rows.map((row) => [
      row.paidAt,
      row.reference,
      row.applicantId,
      row.name,
      row.age,
      row.version,
      ...REPEATED.map((key) => (key === "responses" ? text(row.responses.join(",")) : text(row[key]))),
    ]),
  };
}

export function unpackRows(packed: PackedRows): RowData[] {
  const text = (i: number | undefined) => (i === undefined || i < 0 ? null : packed.texts[i]!);
  return packed.rows.map((tuple) => {
    const row: Record<string, unknown> = {};
    UNIQUE.forEach((key, i) => (row[key] = tuple[i]));
    REPEATED.forEach((key, i) => {
      const value = text(tuple[UNIQUE.length + i] as number);
      if (key === "responses") row[key] = value ? value.split(",") : [];
      else if (key === "notDue") row[key] = value ?? undefined;
      else row[key] = value;
    });
    return row as RowData;
  });
}
