import { getFormatter, getTranslations } from "next-intl/server";
import { AlertTriangle } from "lucide-react";
import type { ReasonView } from "@/lib/domain/status-reason";
import { differenceLines, reasonText } from "./reason-text";

/** Why the request could not be processed automatically (or why its file failed), shown under the status. */
export async function StatusReason({ reason }: { reason: ReasonView }) {
  const t = await getTranslations("details");
  const tr = await getTranslations("reasons");
  const tf = await getTranslations("upload.fields");
  const tg = await getTranslations("applicant.genders");
  const format = await getFormatter();
  const lines = differenceLines(tr, { field: (f) => tf(f), gender: (g) => tg(g) }, format, reason);
  return (
    <div className="mt-3 flex items-start gap-2 rounded-md border border-orange-300 bg-orange-50 px-3 py-2 text-sm text-orange-950">
      <AlertTriangle aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
      <div>
        <h3 className="font-semibold">{reason.key === "processingFailed" ? t("reasonTitleFile") : t("reasonTitle")}</h3>
        <p>{reasonText(tr, format, reason)}</p>
        {lines.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
