"use client";

import clsx from "clsx";
import { AlertTriangle, Ban, CheckCircle2, Clock, Copy, ExternalLink, HelpCircle, Loader2, SearchX, XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import type { BulkFileRow } from "@/lib/actions/bulk-upload";
import type { FieldComparison } from "@/lib/domain/pesc/compare";
import { Link } from "@/lib/i18n/navigation";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { useMessage } from "@/components/ui/use-message";
import { problemText } from "@/components/upload/problem-text";
import { displayOutcome, type BulkRowState, type DisplayOutcome } from "./bulk-rows";

const OUTCOME: Record<DisplayOutcome, { Icon: typeof Clock; className: string }> = {
  waiting: { Icon: Clock, className: "text-gray-700" },
  checking: { Icon: Loader2, className: "text-gray-700" },
  matched: { Icon: CheckCircle2, className: "text-green-800" },
  saved: { Icon: CheckCircle2, className: "text-green-800" },
  differences: { Icon: AlertTriangle, className: "text-red-800" },
  several: { Icon: HelpCircle, className: "text-amber-800" },
  duplicate: { Icon: Copy, className: "text-amber-800" },
  noMatch: { Icon: SearchX, className: "text-amber-800" },
  notOpen: { Icon: Ban, className: "text-amber-800" },
  refused: { Icon: XCircle, className: "text-red-800" },
  notSaved: { Icon: XCircle, className: "text-red-800" },
};

const DIFFERENCE_STYLE: Record<Exclude<FieldComparison["outcome"], "same">, string> = {
  minor: "text-amber-800",
  different: "text-red-800 font-semibold",
  missing: "text-red-800 font-semibold",
};

const GENDERS = new Set(["MALE", "FEMALE", "X"]);

/** The review table: each transcript (a file, or one of a PESC batch file), its request, the result with an icon and words, what differs or why, what to do next. */
export function BulkResultsTable({ rows }: { rows: readonly BulkRowState[] }) {
  const t = useTranslations("bulkUpload");
  return (
    <div className="overflow-x-auto">
      <Table caption={t("caption")}>
        <TableHead>
          <Th scope="col">{t("columns.file")}</Th>
          <Th scope="col">{t("columns.request")}</Th>
          <Th scope="col">{t("columns.result")}</Th>
          <Th scope="col">{t("columns.details")}</Th>
          <Th scope="col">{t("columns.next")}</Th>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <ResultRow key={row.key} row={row} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function ResultRow({ row }: { row: BulkRowState }) {
  const t = useTranslations("bulkUpload");
  const outcome = displayOutcome(row);
  const { Icon, className } = OUTCOME[outcome];
  const result = row.result;
  return (
    <tr data-outcome={outcome} className={outcome === "differences" || outcome === "refused" || outcome === "notSaved" ? "bg-red-50" : undefined}>
      <Th scope="row" className="max-w-64 break-words">
        {row.fileName}
        {row.transcript && " "}
        {row.transcript && (
          <span className="block font-normal text-gray-700">
            {t("transcriptOf", { number: row.transcript.number, count: row.transcript.count })}
            {row.transcript.studentName && ` · ${row.transcript.studentName}`}
          </span>
        )}
      </Th>
      <Td>
        {result?.request ? (
          <>
            <RequestLink reference={result.request.referenceNumber}>{result.request.referenceNumber}</RequestLink>
            <div className="text-gray-700">{`${result.request.firstName} ${result.request.lastName}`}</div>
          </>
        ) : (
          <span aria-hidden>—</span>
        )}
      </Td>
      <Td>
        <span className={clsx("inline-flex items-center gap-1 font-semibold", className)}>
          <Icon aria-hidden className={clsx("h-4 w-4 shrink-0", outcome === "checking" && "motion-safe:animate-spin")} />
          {t(`outcomes.${outcome}`)}
        </span>
        {result?.by && (outcome === "matched" || outcome === "differences" || outcome === "saved") && (
          <div className="text-gray-700">{t(`matchedBy.${result.by}`)}</div>
        )}
      </Td>
      <Td>
        <Details row={row} />
      </Td>
      <Td>
        <NextStep row={row} outcome={outcome} />
      </Td>
    </tr>
  );
}

function Details({ row }: { row: BulkRowState }) {
  const t = useTranslations("bulkUpload");
  const m = useMessage();
  const result = row.result;
  const duplicate = row.duplicate && row.phase === "checked";
  return (
    <div className="flex flex-col gap-1">
      {row.saveMessage && <p className="text-red-800">{m(row.saveMessage.key, row.saveMessage.values)}</p>}
      {duplicate && <p>{t("reasons.duplicate")}</p>}
      {result?.comparisons && <Differences comparisons={result.comparisons} />}
      {result?.messageKey && <p>{m(result.messageKey, result.values)}</p>}
      {result?.problems && result.problems.length > 0 && (
        <ul className="list-disc pl-5">
          {result.problems.map((p, i) => (
            <li key={i}>{problemText(m, p)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Only what is not the same; each with its outcome in words (Minor, Different, Missing) as well as colour. */
function Differences({ comparisons }: { comparisons: readonly FieldComparison[] }) {
  const t = useTranslations("bulkUpload");
  const tu = useTranslations("upload");
  const tg = useTranslations("applicant.genders");
  const differing = comparisons.filter((c) => c.outcome !== "same");
  if (differing.length === 0) return <p className="text-green-800">{t("noDifferences")}</p>;
  const show = (c: FieldComparison, side: "request" | "transcript") => {
    const value = side === "request" ? c.requestValue : c.transcriptValue;
    if (value === null) return "—";
    if (side === "request" && c.field === "gender" && GENDERS.has(value)) return tg(value as "MALE" | "FEMALE" | "X");
    return value;
  };
  return (
    <ul className="flex flex-col gap-1">
      {differing.map((c) => (
        <li key={c.field} data-outcome={c.outcome} className={DIFFERENCE_STYLE[c.outcome as keyof typeof DIFFERENCE_STYLE]}>
          {t("difference", { field: tu(`fields.${c.field}`), requestValue: show(c, "request"), transcriptValue: show(c, "transcript") })}
          {" — "}
          {tu(`outcomes.${c.outcome}`)}
        </li>
      ))}
    </ul>
  );
}

function NextStep({ row, outcome }: { row: BulkRowState; outcome: DisplayOutcome }) {
  const t = useTranslations("bulkUpload");
  const result: BulkFileRow | undefined = row.result;
  const reference = result?.request?.referenceNumber;
  if (outcome === "differences" && reference && result?.pendingId) {
    const href = `/requests/${encodeURIComponent(reference)}/validate?pending=${encodeURIComponent(result.pendingId)}`;
    const file = row.transcript ? `${row.fileName} (${t("transcriptOf", { number: row.transcript.number, count: row.transcript.count })})` : row.fileName;
    return (
      <NewTabLink href={href} label={`${t("next.reviewLabel", { file, reference })} ${t("next.newTab")}`}>
        {t("next.review")}
      </NewTabLink>
    );
  }
  if (outcome === "several" && result?.requests) {
    return (
      <ul className="flex flex-col gap-1">
        {result.requests.map((r) => (
          <li key={r.referenceNumber}>
            <RequestLink reference={r.referenceNumber}>{t("next.open", { reference: r.referenceNumber })}</RequestLink>
            <span className="text-gray-700">{` · ${r.firstName} ${r.lastName}`}</span>
          </li>
        ))}
      </ul>
    );
  }
  if (reference && (outcome === "notOpen" || outcome === "duplicate" || outcome === "notSaved" || outcome === "saved")) {
    return <RequestLink reference={reference}>{t("next.open", { reference })}</RequestLink>;
  }
  return <span aria-hidden>—</span>;
}

function RequestLink({ reference, children }: { reference: string; children: string }) {
  const t = useTranslations("bulkUpload");
  return (
    <NewTabLink href={`/requests/${encodeURIComponent(reference)}`} label={`${children} ${t("next.newTab")}`}>
      {children}
    </NewTabLink>
  );
}

/** Opens beside the review table, which would be lost by leaving the page; says so to every user. */
function NewTabLink({ href, label, children }: { href: string; label: string; children: string }) {
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer" aria-label={label} className="inline-flex items-center gap-1 font-medium">
      {children}
      <ExternalLink aria-hidden className="h-3.5 w-3.5" />
    </Link>
  );
}
