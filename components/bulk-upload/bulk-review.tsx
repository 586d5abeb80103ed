"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { BulkResultsTable } from "./bulk-results-table";
import { countsOf, transcriptTotal, type BulkUploadState } from "./bulk-upload-state";

/** The review of the files checked: the progress, the outcome of the save, "Save all clean matches" and the table. */
export function BulkReview({ state, onSave }: { state: BulkUploadState; onSave: () => void }) {
  const t = useTranslations("bulkUpload");
  const counts = countsOf(state);
  return (
    <section aria-labelledby="bulk-results-heading" className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4">
      <h2 id="bulk-results-heading" className="text-lg font-semibold">
        {t("caption")}
      </h2>
      {state.phase === "saving" ? (
        <Progress key="save" id="bulk-save-progress" label={t("saveProgressLabel")} done={state.saving.done} total={state.saving.total} />
      ) : (
        <Progress key="check" id="bulk-check-progress" label={t("progressLabel")} done={state.checked} total={transcriptTotal(state)} />
      )}
      {state.phase === "saved" && (
        <div className="flex flex-col gap-2">
          {counts.saved > 0 && <Notice tone="success">{t("saved", { count: counts.saved })}</Notice>}
          {counts.notSaved > 0 && <Notice tone="error">{t("notSaved", { count: counts.notSaved })}</Notice>}
        </div>
      )}
      {state.phase === "checked" && (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" onClick={onSave} disabled={counts.clean === 0} aria-describedby="bulk-save-hint">
            {t("save")}
          </Button>
          <p id="bulk-save-hint" className="text-sm text-gray-700">
            {t("saveHint")}
          </p>
        </div>
      )}
      <BulkResultsTable rows={state.rows} />
    </section>
  );
}

function Progress({ id, label, done, total }: { id: string; label: string; done: number; total: number }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <progress id={id} max={total} value={done} className="h-3 w-full max-w-md" />
    </div>
  );
}
