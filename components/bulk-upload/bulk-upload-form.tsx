"use client";

import { useEffect, useRef, useState, type DragEvent, type FormEvent } from "react";
import clsx from "clsx";
import { UploadCloud } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { cancelBulkUploadsAction, checkBulkFileAction, saveBulkUploadsAction, type BulkCheckState, type BulkSaveState } from "@/lib/actions/bulk-upload";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useMessage } from "@/components/ui/use-message";
import { BulkResultsTable } from "./bulk-results-table";
import { isCleanRow, rowsOf, withResult, type BulkRowState, type Message } from "./bulk-rows";

type Phase = "choose" | "checking" | "checked" | "saving" | "saved";

// Saves go in small groups so that the progress moves and one slow group never holds the whole batch.
const SAVE_GROUP = 10;

const GENERIC: Message = { key: "errors.generic" };

/**
 * Bulk upload: choose or drop XML files, check them one at a time (each is matched and staged on the server), review
 * the table, then "Save all clean matches". Progress shows as a <progress> bar and a polite live region.
 */
export function BulkUploadForm({ limitBytes, maxFiles }: { limitBytes: number; maxFiles: number }) {
  const t = useTranslations("bulkUpload");
  const m = useMessage();
  const locale = useLocale();
  const inputRef = useRef<HTMLInputElement>(null);
  const mounted = useRef(true);
  const [files, setFiles] = useState<File[]>([]);
  const [rows, setRows] = useState<BulkRowState[]>([]);
  const [phase, setPhase] = useState<Phase>("choose");
  const [error, setError] = useState<Message | null>(null);
  const [checked, setChecked] = useState(0);
  const [saving, setSaving] = useState({ done: 0, total: 0 });
  const [dragging, setDragging] = useState(false);
  const limitMb = limitBytes / 1024 / 1024;
  const busy = phase === "checking" || phase === "saving";

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const choose = (chosen: File[]) => {
    setFiles(chosen);
    setRows(rowsOf(chosen));
    setChecked(0);
    setPhase("choose");
    setError(chosen.length > maxFiles ? { key: "bulkUpload.errors.tooMany", values: { count: chosen.length, maxFiles } } : null);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (busy) return;
    const dropped = Array.from(e.dataTransfer.files);
    // The input then lists the dropped files too.
    if (inputRef.current) inputRef.current.files = e.dataTransfer.files;
    choose(dropped);
  };

  async function check(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    if (files.length === 0) return setError({ key: "bulkUpload.errors.noFiles" });
    if (files.length > maxFiles) return setError({ key: "bulkUpload.errors.tooMany", values: { count: files.length, maxFiles } });
    setError(null);
    setPhase("checking");
    let current = rowsOf(files);
    for (const [index, file] of files.entries()) {
      if (!mounted.current) return;
      current = current.map((r, i) => (i === index ? { ...r, phase: "checking" } : r));
      setRows(current);
      const state = await checkOne(file);
      if (!state.ok || !state.row) {
        setError({ key: state.messageKey ?? GENERIC.key });
        current = current.map((r) => (r.phase === "checking" ? { ...r, phase: "waiting" } : r));
        break;
      }
      const next = withResult(current, index, state.row);
      current = next.rows;
      setRows(current);
      setChecked(index + 1);
      if (next.cancel.length > 0) await forget(next.cancel);
    }
    if (!mounted.current) return;
    setRows(current);
    setPhase("checked");
  }

  async function checkOne(file: File): Promise<BulkCheckState> {
    // Refused here without sending it; the server refuses it anyway.
    if (file.size > limitBytes) return { ok: true, row: { outcome: "refused", messageKey: "upload.errors.tooLarge", values: { limitMb } } };
    if (file.size === 0) return { ok: true, row: { outcome: "refused", messageKey: "bulkUpload.reasons.empty" } };
    const form = new FormData();
    form.set("file", file);
    form.set("locale", locale);
    try {
      return await checkBulkFileAction(form);
    } catch {
      // The network or the server failed: the files not yet checked stay waiting.
      return { ok: false, messageKey: "bulkUpload.errors.stopped" };
    }
  }

  async function forget(pendingIds: string[]) {
    const form = new FormData();
    for (const id of pendingIds) form.append("pendingId", id);
    try {
      await cancelBulkUploadsAction(form);
    } catch {
      // Left to expire: nothing is saved from it either way.
    }
  }

  async function saveAll() {
    const clean = rows.filter(isCleanRow);
    if (busy || clean.length === 0) return;
    setError(null);
    setPhase("saving");
    setSaving({ done: 0, total: clean.length });
    let current = rows;
    for (let start = 0; start < clean.length; start += SAVE_GROUP) {
      const group = clean.slice(start, start + SAVE_GROUP);
      const form = new FormData();
      form.set("locale", locale);
      for (const row of group) form.append("pendingId", row.result!.pendingId!);
      let state: BulkSaveState;
      try {
        state = await saveBulkUploadsAction(form);
      } catch {
        state = { ok: false, messageKey: GENERIC.key };
      }
      if (!mounted.current) return;
      if (!state.ok || !state.rows) {
        setError({ key: state.messageKey ?? GENERIC.key });
        break;
      }
      const byId = new Map(state.rows.map((r) => [r.pendingId, r]));
      current = current.map((row) => {
        const saved = row.result?.pendingId ? byId.get(row.result.pendingId) : undefined;
        if (!saved) return row;
        return saved.saved ? { ...row, phase: "saved" } : { ...row, phase: "notSaved", saveMessage: { key: saved.messageKey ?? GENERIC.key, values: saved.values } };
      });
      setRows(current);
      setSaving({ done: Math.min(start + SAVE_GROUP, clean.length), total: clean.length });
    }
    setPhase("saved");
  }

  const startOver = () => {
    if (inputRef.current) inputRef.current.value = "";
    choose([]);
  };

  const cleanCount = rows.filter(isCleanRow).length;
  const checkedRows = rows.filter((r) => r.phase !== "waiting" && r.phase !== "checking");
  const savedCount = rows.filter((r) => r.phase === "saved").length;
  const notSavedCount = rows.filter((r) => r.phase === "notSaved").length;
  const status =
    phase === "checking"
      ? t("progress", { done: checked, total: files.length })
      : phase === "saving"
        ? t("saveProgress", saving)
        : phase === "checked"
          ? t("summary", { clean: cleanCount, others: checkedRows.length - cleanCount })
          : "";

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={check} className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4" aria-busy={busy}>
        <div
          onDragOver={(e) => {
            e.preventDefault();
            if (!busy) setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={clsx("flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center", dragging ? "border-brand-700 bg-brand-50" : "border-gray-300 bg-gray-50")}
        >
          <UploadCloud aria-hidden className="h-8 w-8 text-gray-600" />
          <p id="bulk-drop-hint" className="text-sm text-gray-800">
            {t("dropHint")}
          </p>
          <label htmlFor="bulk-files" className="text-sm font-medium">
            {t("filesLabel")}
          </label>
          <input
            ref={inputRef}
            id="bulk-files"
            name="files"
            type="file"
            multiple
            accept=".xml,application/xml,text/xml"
            disabled={busy}
            aria-describedby="bulk-drop-hint bulk-limits"
            onChange={(e) => choose(Array.from(e.currentTarget.files ?? []))}
            className="text-sm file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold"
          />
          <p id="bulk-limits" className="text-sm text-gray-700">
            {t("limits", { limitMb, maxFiles })}
          </p>
          <p className="text-sm font-medium">{t("chosen", { count: files.length })}</p>
        </div>
        {error && <Notice tone="error">{m(error.key, error.values)}</Notice>}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={busy || phase === "saved"}>
            {t("check")}
          </Button>
          {(phase === "checked" || phase === "saved") && (
            <Button type="button" variant="secondary" onClick={startOver}>
              {t("startOver")}
            </Button>
          )}
        </div>
      </form>

      <p role="status" aria-live="polite" className="text-sm font-medium">
        {status}
      </p>

      {rows.length > 0 && phase !== "choose" && (
        <section aria-labelledby="bulk-results-heading" className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4">
          <h2 id="bulk-results-heading" className="text-lg font-semibold">
            {t("caption")}
          </h2>
          {phase === "saving" ? (
            <div className="flex flex-col gap-1">
              <label htmlFor="bulk-save-progress" className="text-sm font-medium">
                {t("saveProgressLabel")}
              </label>
              <progress id="bulk-save-progress" max={saving.total} value={saving.done} className="h-3 w-full max-w-md" />
            </div>
          ) : (
            <div className="flex flex-col gap-1">
              <label htmlFor="bulk-check-progress" className="text-sm font-medium">
                {t("progressLabel")}
              </label>
              <progress id="bulk-check-progress" max={files.length} value={checked} className="h-3 w-full max-w-md" />
            </div>
          )}
          {phase === "saved" && (
            <div className="flex flex-col gap-2">
              {savedCount > 0 && <Notice tone="success">{t("saved", { count: savedCount })}</Notice>}
              {notSavedCount > 0 && <Notice tone="error">{t("notSaved", { count: notSavedCount })}</Notice>}
            </div>
          )}
          {phase === "checked" && (
            <div className="flex flex-wrap items-center gap-3">
              <Button type="button" onClick={saveAll} disabled={cleanCount === 0} aria-describedby="bulk-save-hint">
                {t("save")}
              </Button>
              <p id="bulk-save-hint" className="text-sm text-gray-700">
                {t("saveHint")}
              </p>
            </div>
          )}
          <BulkResultsTable rows={rows} />
        </section>
      )}
    </div>
  );
}
