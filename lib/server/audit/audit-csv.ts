import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { auditChangeLines } from "@/lib/domain/audit-diff";
import type { AuditFilters } from "@/lib/domain/audit-filters";
import { torontoDateTime } from "@/lib/domain/business-days";
import { csvRecord, csvText, UTF8_BOM } from "@/lib/domain/csv";
import type { Locale } from "@/lib/i18n/routing";
import { exportTranslator } from "@/lib/server/exports/export-labels";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { auditEventBatches, type AuditRow } from "./find-audit-events";

// The Audit Log as CSV (contracts §10), as the dashboard's export: a byte order mark, headers in the language, ISO
// times (Toronto, with their offset), every text cell formula-safe, streamed batch by batch. One record per changed
// field, so that a spreadsheet can filter on a field; a row that changed nothing field by field is one record.

const HEADERS = ["when", "who", "action", "entity", "target", "field", "before", "after"] as const;

/**
 * The words of an action and of a kind of thing in `locale`, as the page and the export show them; the stored value
 * when the message files have none (an action recorded by a later version), never a missing-message error.
 */
export function auditLabels(locale: Locale) {
  const messages: unknown = locale === "fr" ? fr : en;
  const lookup = (path: string[], fallback: string) => {
    const value = path.reduce<unknown>(
      (node, part) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined),
      messages,
    );
    return typeof value === "string" ? value : fallback;
  };
  return {
    action: (action: string) => lookup(["admin", "audit", "actions", ...action.split(".")], action),
    entity: (entity: string) => lookup(["admin", "audit", "entities", entity], entity),
  };
}

function recordsOf(row: AuditRow, labels: ReturnType<typeof auditLabels>): string {
  const head = [torontoDateTime(row.at), csvText(row.actor), csvText(labels.action(row.action)), csvText(labels.entity(row.entity)), csvText(row.entityId)];
  const lines = auditChangeLines(row.before, row.after);
  if (lines.length === 0) return csvRecord([...head, "", "", ""]);
  return lines.map((l) => csvRecord([...head, csvText(l.field), csvText(l.before), csvText(l.after)])).join("");
}

export function auditCsvStream(options: { actor: Pick<Actor, "role">; filters: AuditFilters; locale: Locale }): ReadableStream<Uint8Array> {
  const t = exportTranslator(options.locale);
  const labels = auditLabels(options.locale);
  const encoder = new TextEncoder();
  const batches = auditEventBatches(options);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(UTF8_BOM + csvRecord(HEADERS.map((h) => t(`admin.audit.columns.${h}`)))));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map((row) => recordsOf(row, labels)).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
