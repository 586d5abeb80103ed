"use client";

import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { applyNoUploadAction } from "@/lib/actions/requests";
import { initialActionResult } from "@/lib/actions/result";
import { NO_UPLOAD_ACTIONS, nextStatus, type RequestStatus } from "@/lib/domain/statuses";
import { useRouter } from "@/lib/i18n/navigation";
import { ResponseOptions } from "@/components/request-details/response-options";
import { Notice } from "@/components/ui/notice";
import { useMessage } from "@/components/ui/use-message";

type Props =
  | { reference: string; mode: "complete" }
  | {
      reference: string;
      mode: "open";
      status: RequestStatus;
      /** The version of the request in this row: a response is refused once someone else has changed it. */
      version: number;
    };

/**
 * The row's choice in To Do and Incomplete: Upload Transcript (default: Submit opens the request on its upload
 * form) or Action (No Upload) (the response drop-down, submitted from the row without leaving the list).
 * Complete rows offer Re-upload Transcript.
 */
export function RowAction(props: Props) {
  const t = useTranslations();
  const router = useRouter();
  const target = `/requests/${encodeURIComponent(props.reference)}`;
  if (props.mode === "complete") {
    return (
      <button
        type="button"
        className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
        onClick={() => router.push(`${target}?action=reupload#upload`)}
      >
        {t("actions.reupload")}
      </button>
    );
  }
  return <OpenRowAction {...props} target={target} />;
}

function OpenRowAction({ reference, status, version, target }: { reference: string; status: RequestStatus; version: number; target: string }) {
  const t = useTranslations();
  const m = useMessage();
  const locale = useLocale();
  const router = useRouter();
  const [choice, setChoice] = useState<"upload" | "no-upload">("upload");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const actions = NO_UPLOAD_ACTIONS.filter((a) => nextStatus(status, "NO_UPLOAD", a) !== null);
  const selectId = `row-response-${reference}`;

  const submit = (form: FormData) => {
    setError(null);
    if (choice === "upload") {
      router.push(`${target}?action=upload#upload`);
      return;
    }
    if (!form.get("action")) {
      setError(m("respond.errors.chooseResponse"));
      return;
    }
    startTransition(async () => {
      const result = await applyNoUploadAction(initialActionResult, form);
      const message = result.messageKey ? m(result.messageKey, result.values) : null;
      // On success the list re-renders and this row usually leaves the tab: the confirmation outlives it.
      if (result.ok) {
        announce(message ?? "");
        // When the row stays (a search across tabs), it shows its new status with the default choice again.
        setChoice("upload");
      } else {
        setError(message ?? m("errors.generic"));
      }
    });
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit(new FormData(event.currentTarget));
      }}
      className="flex flex-col gap-1"
      aria-busy={pending}
    >
      <fieldset className="flex min-w-44 flex-col gap-y-0.5">
        <legend className="sr-only">{t("dashboard.rowAction", { reference })}</legend>
        <label className="flex items-center gap-1 whitespace-nowrap text-sm">
          <input type="radio" name={`action-${reference}`} value="upload" checked={choice === "upload"} onChange={() => setChoice("upload")} />
          {t("actions.upload")}
        </label>
        <label className="flex items-center gap-1 whitespace-nowrap text-sm">
          <input type="radio" name={`action-${reference}`} value="no-upload" checked={choice === "no-upload"} onChange={() => setChoice("no-upload")} />
          {t("actions.noUpload")}
        </label>
        {choice === "no-upload" && (
          <>
            <label htmlFor={selectId} className="sr-only">
              {t("respond.label")}
            </label>
            <select
              id={selectId}
              name="action"
              defaultValue=""
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${selectId}-error` : undefined}
              className="rounded border border-gray-300 bg-white px-1.5 py-0.5 text-sm"
            >
              <ResponseOptions actions={actions} />
            </select>
            <input type="hidden" name="referenceNumber" value={reference} />
            <input type="hidden" name="expectedVersion" value={version} />
            <input type="hidden" name="locale" value={locale} />
          </>
        )}
        <button
          type="submit"
          disabled={pending}
          className="rounded border border-gray-300 bg-white px-2 py-0.5 text-sm font-medium hover:bg-gray-50 disabled:text-gray-500"
          aria-label={`${t("dashboard.go")} – ${reference}`}
        >
          {t("dashboard.go")}
        </button>
      </fieldset>
      {error && (
        <div id={`${selectId}-error`}>
          <Notice tone="error">{error}</Notice>
        </div>
      )}
    </form>
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
