"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useMessage } from "@/components/ui/use-message";
import { BulkDropZone } from "./bulk-drop-zone";
import { BulkReview } from "./bulk-review";
import { checkFile, forgetUploads, saveGroup } from "./bulk-upload-calls";
import { bulkUploadReducer, cleanPendingIds, initialBulkUploadState, isBusy, statusMessage, type BulkUploadAction } from "./bulk-upload-state";

// Saves go in small groups so that the progress moves and one slow group never holds the whole batch.
const SAVE_GROUP = 10;

/**
 * The reducer's state, with each step's result at hand at once: the round of checks reads what the file it just
 * checked set aside before it checks the next one.
 */
function useBulkUploadState() {
  const [state, setState] = useState(initialBulkUploadState);
  const latest = useRef(state);
  const send = useCallback((action: BulkUploadAction) => {
    latest.current = bulkUploadReducer(latest.current, action);
    setState(latest.current);
    return latest.current;
  }, []);
  return [state, send] as const;
}

/**
 * Bulk upload: choose or drop XML files, check them one at a time (each transcript — a PESC batch file holds several —
 * is matched and staged on the server), review the table, then "Save all clean matches". Progress, in transcripts,
 * shows as a <progress> bar and a polite live region.
 */
export function BulkUploadForm({ limitBytes, maxFiles }: { limitBytes: number; maxFiles: number }) {
  const t = useTranslations("bulkUpload");
  const m = useMessage();
  const locale = useLocale();
  const inputRef = useRef<HTMLInputElement>(null);
  const mounted = useRef(true);
  const [state, send] = useBulkUploadState();
  const busy = isBusy(state);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const choose = (files: File[]) => send({ type: "filesChosen", files, maxFiles });

  async function check(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const { phase, files } = send({ type: "checkStarted", maxFiles });
    if (phase !== "checking") return;
    for (const [index, file] of files.entries()) {
      if (!mounted.current) return;
      send({ type: "fileChecking", index });
      const answer = await checkFile(file, { locale, limitBytes });
      if (!answer.ok) {
        send({ type: "checkFinished", error: answer.error });
        return;
      }
      const { toForget } = send({ type: "fileChecked", index, rows: answer.rows });
      if (toForget.length > 0) await forgetUploads(toForget);
    }
    if (!mounted.current) return;
    send({ type: "checkFinished" });
  }

  async function saveAll() {
    if (busy) return;
    const pendingIds = cleanPendingIds(state);
    if (send({ type: "saveStarted" }).phase !== "saving") return;
    for (let start = 0; start < pendingIds.length; start += SAVE_GROUP) {
      const group = pendingIds.slice(start, start + SAVE_GROUP);
      const answer = await saveGroup(group, locale);
      if (!mounted.current) return;
      if (!answer.ok) {
        send({ type: "saveFinished", error: answer.error });
        return;
      }
      send({ type: "groupSaved", sent: group.length, outcomes: answer.outcomes });
    }
    send({ type: "saveFinished" });
  }

  const startOver = () => {
    if (inputRef.current) inputRef.current.value = "";
    choose([]);
  };

  const status = statusMessage(state);
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={check} className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4" aria-busy={busy}>
        <BulkDropZone inputRef={inputRef} busy={busy} count={state.files.length} limitMb={limitBytes / 1024 / 1024} maxFiles={maxFiles} onChoose={choose} />
        {state.error && <Notice tone="error">{m(state.error.key, state.error.values)}</Notice>}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={busy || state.phase === "saved"}>
            {t("check")}
          </Button>
          {(state.phase === "checked" || state.phase === "saved") && (
            <Button type="button" variant="secondary" onClick={startOver}>
              {t("startOver")}
            </Button>
          )}
        </div>
      </form>

      <p role="status" aria-live="polite" className="text-sm font-medium">
        {status && m(status.key, status.values)}
      </p>

      {state.rows.length > 0 && state.phase !== "choose" && <BulkReview state={state} onSave={saveAll} />}
    </div>
  );
}
