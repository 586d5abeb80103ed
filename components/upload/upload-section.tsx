import { getTranslations } from "next-intl/server";
import { isComplete, nextStatus, type RequestStatus } from "@/lib/domain/statuses";
import { MAX_TRANSCRIPT_BYTES as MAX_UPLOAD_BYTES } from "@/lib/domain/pesc/xml-text";
import { Notice } from "@/components/ui/notice";
import { UploadForm } from "./upload-form";

type Props = {
  reference: string;
  status: RequestStatus;
  version: number;
  /** `?uploaded=` after the validation screen: XML, PDF or cancelled. */
  outcome: string | undefined;
};

const DONE = new Set(["XML", "PDF"]);

/** The details page's upload section (`#upload`, where the dashboard row's Upload links lead). */
export async function UploadSection({ reference, status, version, outcome }: Props) {
  const t = await getTranslations();
  const allowed = nextStatus(status, "UPLOAD_SAVED") !== null;
  const notice =
    outcome && DONE.has(outcome) ? (
      <Notice tone="success">{t(`upload.done.${outcome as "XML" | "PDF"}`, { reference })}</Notice>
    ) : outcome === "cancelled" ? (
      <Notice tone="info">{t("upload.cancelled")}</Notice>
    ) : null;
  if (!allowed && !notice) return null;
  const reupload = isComplete(status);
  return (
    <section id="upload" aria-labelledby="upload-heading" className="no-print rounded-lg border border-gray-200 bg-white p-4">
      <h2 id="upload-heading" className="mb-3 text-lg font-semibold">
        {reupload ? t("actions.reupload") : t("actions.upload")}
      </h2>
      <div className="flex flex-col gap-3">
        {notice}
        {allowed && (
          <UploadForm
            key={`upload-${reference}-${version}`}
            reference={reference}
            version={version}
            reupload={reupload}
            limitMb={MAX_UPLOAD_BYTES / 1024 / 1024}
          />
        )}
      </div>
    </section>
  );
}
