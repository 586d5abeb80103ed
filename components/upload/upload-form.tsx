"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { stageUploadAction, type UploadFormState } from "@/lib/actions/uploads";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useMessage } from "@/components/ui/use-message";
import { Link } from "@/lib/i18n/navigation";
import { problemText } from "./problem-text";

type Props = {
  reference: string;
  /** The version of the request this page shows: the server refuses the upload once the request has changed. */
  version: number;
  /** Re-upload Transcript on a completed request; Upload Transcript otherwise. */
  reupload: boolean;
  limitMb: number;
};

const initial: UploadFormState = { ok: false };

/** Upload Transcript / Re-upload Transcript: Browse, then submit; the server decides the type from the content. */
export function UploadForm({ reference, version, reupload, limitMb }: Props) {
  const t = useTranslations();
  const m = useMessage();
  const locale = useLocale();
  const [state, action, pending] = useActionState(stageUploadAction, initial);
  const errorId = "upload-file-error";
  const hasError = !state.ok && state.messageKey !== undefined;
  return (
    <form action={action} className="flex flex-col gap-3" aria-busy={pending}>
      <p className="text-sm text-gray-700">{reupload ? t("upload.reuploadIntro") : t("upload.sectionIntro")}</p>
      {hasError && (
        <Notice tone="error" id={errorId}>
          <p>{m(state.messageKey!, state.values)}</p>
          {state.problems && state.problems.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {state.problems.map((p, i) => (
                <li key={i}>{problemText(m, p)}</li>
              ))}
            </ul>
          )}
          {/* A PESC batch of several transcripts: Bulk Upload splits it. */}
          {state.problems?.some((p) => p.messageKey === "pesc.errors.batchOfSeveral") && (
            <p className="mt-1">
              <Link href="/requests/bulk-upload" className="font-medium">
                {t("upload.toBulkUpload")}
              </Link>
            </p>
          )}
        </Notice>
      )}
      <input type="hidden" name="referenceNumber" value={reference} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="locale" value={locale} />
      {/* The error is the notice above, with the file's problems: the field is described by it, not repeating it. */}
      <Field id="upload-file" label={t("actions.browse")} hint={t("upload.sizeHint", { limitMb })} externalErrorId={hasError ? errorId : undefined}>
        {(control) => (
          <input
            {...control}
            name="file"
            type="file"
            accept=".xml,.pdf,application/xml,text/xml,application/pdf"
            required
            onChange={(e) => {
              // The server refuses it anyway; this only spares sending a file that is too large.
              const file = e.currentTarget.files?.[0];
              e.currentTarget.setCustomValidity(file && file.size > limitMb * 1024 * 1024 ? t("upload.errors.tooLarge", { limitMb }) : "");
            }}
            className="text-sm file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold"
          />
        )}
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {reupload ? t("actions.reupload") : t("actions.upload")}
        </Button>
      </div>
    </form>
  );
}
