"use client";

import type { ReactNode } from "react";
import type { SlaState } from "@/lib/domain/business-days";
import type { NoUploadAction } from "@/lib/domain/statuses";
import { unpackRows, type PackedRows, type RowData } from "./packed-rows";
import { kindOf } from "./status-kind";

export type RowLabels = {
  locale: string;
  sla: Record<SlaState, string>;
  upload: string;
  noUpload: string;
  reupload: string;
  submit: string;
  rowAction: string;
  responses: Record<NoUploadAction, string>;
};

/**
 * The longest status that always fits its cell (`.rq .st`, 11rem, in app/globals.css); a longer one may be cut with
 * an ellipsis and carries its whole text as a tooltip too.
 */
const STATUS_FITS_CHARS = 18;

/**
 * The rows of RequestsTable (one client component for the table, none per row). Their status and SLA icons are
 * drawn by the table's CSS (`.rq .st::before`, app/globals.css), not by an element in each row.
 */
export function RequestRows({ packed, labels, showActions }: { packed: PackedRows; labels: RowLabels; showActions: boolean }) {
  const base = `/${labels.locale}`;
  const rows = unpackRows(packed);
  return (
    <tbody>
      {rows.map((row) => (
        <tr key={row.reference}>
          <td>
            <time dateTime={row.paidAt}>{row.paidAtText}</time>
          </td>
          <td>
            <span className={`sla sla-${row.sla}`}>
              {row.age}
              {row.sla !== "within" && <span className="sr-only"> ({labels.sla[row.sla]})</span>}
            </span>
          </td>
          <td>
            <a href={`${base}/requests/${encodeURIComponent(row.reference)}`}>{row.reference}</a>
          </td>
          <td>
            <a href={`${base}/applicants/${row.applicantId}`}>{row.name}</a>
          </td>
          <td>{row.type}</td>
          <td>{row.lastAttended}</td>
          <td title={row.notDue ? row.send : undefined}>{row.send}</td>
          <td>
            <span className={`st st-${kindOf(row.status)}`} title={row.statusText.length > STATUS_FITS_CHARS ? row.statusText : undefined}>
              <span>{row.statusText}</span>
            </span>
          </td>
          {row.school !== null && <td>{row.school}</td>}
          {showActions && <td>{row.action && <RowForm row={row} labels={labels} base={base} />}</td>}
        </tr>
      ))}
    </tbody>
  );
}

/** A native form: without JavaScript it opens the request's page; RowActions handles it otherwise. */
function RowForm({ row, labels, base }: { row: RowData; labels: RowLabels; base: string }): ReactNode {
  const props = {
    method: "get",
    action: `${base}/requests/${encodeURIComponent(row.reference)}`,
    "data-r": row.reference,
    "data-v": row.version,
    "data-due": row.notDue,
  };
  if (row.action === "reupload") {
    return (
      <form {...props}>
        <button type="submit" name="action" value="reupload" aria-label={`${labels.reupload} – ${row.reference}`}>
          {labels.reupload}
        </button>
      </form>
    );
  }
  return (
    <form {...props}>
      <select name="action" aria-label={labels.rowAction.replace("{reference}", row.reference)}>
        <option value="upload">{labels.upload}</option>
        {row.responses.length > 0 && (
          <optgroup label={labels.noUpload}>
            {row.responses.map((a) => (
              <option key={a} value={a}>
                {labels.responses[a]}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <button type="submit" aria-label={`${labels.submit} – ${row.reference}`}>
        {labels.submit}
      </button>
    </form>
  );
}
