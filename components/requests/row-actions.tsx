"use client";

import { useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import { applyNoUploadAction } from "@/lib/actions/requests";
import { initialActionResult } from "@/lib/actions/result";
import { UploadForm } from "@/components/upload/upload-form";
import { useMessage } from "@/components/ui/use-message";
import { MAX_TRANSCRIPT_BYTES } from "@/lib/domain/pesc/xml-text";

type Target = { reference: string; version: number; reupload: boolean; notDue?: string; trigger: HTMLElement | null };

/**
 * The row actions of the whole dashboard table, in one client component: the rows are plain server-rendered forms
 * (`data-r` reference, `data-v` version, `data-due` the date a Send at End of Semester request becomes due), which
 * without JavaScript open the request's page. Here Upload Transcript and Re-upload Transcript open the upload window
 * (a modal `<dialog>`: focus on Browse, Escape or Cancel closes it, focus returns to the row), and a no-upload
 * response is applied from the row.
 */
export function RowActions({ children }: { children: ReactNode }) {
  const t = useTranslations();
  const m = useMessage();
  const locale = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = (event: FormEvent<HTMLDivElement>) => {
    const form = event.target as HTMLFormElement;
    const reference = form.dataset.r;
    if (!reference || !(form instanceof HTMLFormElement)) return;
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const choice = submitter?.getAttribute("value") === "reupload" ? "reupload" : (new FormData(form).get("action") as string | null);
    const version = Number(form.dataset.v);
    setError(null);
    if (choice === "upload" || choice === "reupload") {
      setTarget({ reference, version, reupload: choice === "reupload", notDue: form.dataset.due, trigger: submitter ?? null });
      // Shown once React has put the form in: then Browse takes the focus.
      requestAnimationFrame(() => {
        dialog.current?.showModal();
        dialog.current?.querySelector<HTMLInputElement>('input[type="file"]')?.focus();
      });
      return;
    }
    if (!choice) return;
    const data = new FormData();
    data.set("referenceNumber", reference);
    data.set("action", choice);
    data.set("expectedVersion", String(version));
    data.set("locale", locale);
    startTransition(async () => {
      const result = await applyNoUploadAction(initialActionResult, data);
      const message = result.messageKey ? m(result.messageKey, result.values) : null;
      // On success the list re-renders and the row usually leaves the tab: the confirmation outlives it.
      if (result.ok) announce(message ?? "");
      else {
        setError(`${reference}: ${message ?? m("errors.generic")}`);
        form.querySelector("select")?.focus();
      }
    });
  };

  const close = () => dialog.current?.close();

  return (
    <div onSubmit={onSubmit} aria-busy={pending || undefined}>
      {error && (
        <div role="alert" className="mb-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </div>
      )}
      {children}
      <dialog
        ref={dialog}
        aria-labelledby="upload-dialog-title"
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-gray-300 bg-white p-5 shadow-xl backdrop:bg-gray-900/40"
        onClose={() => {
          const trigger = target?.trigger;
          setTarget(null);
          trigger?.focus();
        }}
      >
        {target && (
          <div className="flex flex-col gap-3">
            <h2 id="upload-dialog-title" className="text-lg font-semibold">
              {t("upload.dialogTitle", { action: target.reupload ? t("actions.reupload") : t("actions.upload"), reference: target.reference })}
            </h2>
            <UploadForm
              key={`${target.reference}-${target.version}`}
              reference={target.reference}
              version={target.version}
              reupload={target.reupload}
              limitMb={MAX_TRANSCRIPT_BYTES / 1024 / 1024}
              notDue={target.notDue}
              onCancel={close}
            />
          </div>
        )}
      </dialog>
    </div>
  );
}

const TOAST_ID = "row-action-status";
const TOAST_MS = 10_000;
let toastTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * A polite, visible confirmation outside the table (role=status): the row that was acted on is usually gone
 * from the tab by the time the action returns, and its own messages with it.
 */
function announce(message: string) {
  let region = document.getElementById(TOAST_ID);
  if (!region) {
    region = document.createElement("div");
    region.id = TOAST_ID;
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.className =
      "no-print fixed bottom-4 right-4 z-50 max-w-md rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 shadow-lg empty:hidden";
    document.body.append(region);
  }
  const live = region;
  // A live region reads out changes, not the content it was created with: fill it once it is in the page.
  setTimeout(() => {
    live.textContent = message;
  }, 50);
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    live.textContent = "";
  }, TOAST_MS);
}
