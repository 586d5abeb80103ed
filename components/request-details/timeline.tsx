import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { RequestDetails } from "@/lib/server/requests/get-request-details";
import { actorLabelKey, readTimelineEvent, type TransmissionView } from "@/lib/domain/timeline-event";
import { dateTime } from "./formatting";
import { Panel } from "./panel";
import { reasonText } from "./reason-text";

const TEMPLATE_LABELS = ["studentNotFound", "financialHold"] as const;

/** Every event of the request, newest first, with who and when (Toronto time). */
export async function Timeline({ events }: { events: RequestDetails["events"] }) {
  const t = await getTranslations("timeline");
  const ts = await getTranslations("statuses");
  const ta = await getTranslations("noUploadActions");
  const tr = await getTranslations("reasons");
  const tf = await getTranslations("upload.fields");
  const format = await getFormatter();
  return (
    <Panel headingId="timeline-heading" title={t("title")}>
      <p className="mb-3 text-sm text-gray-700">{t("intro")}</p>
      {events.length === 0 ? (
        <p className="text-sm text-gray-700">{t("empty")}</p>
      ) : (
        <ol className="relative flex flex-col gap-3 border-l-2 border-gray-200 pl-4">
          {events.map((event) => {
            const view = readTimelineEvent(event.type, event.data);
            const who = event.actor?.displayName ?? t(`actors.${actorLabelKey(event.actorLabel)}`);
            const title = view.type === "other" ? t("types.other", { type: event.type }) : t(`types.${view.type}`);
            const template =
              view.email && (TEMPLATE_LABELS as readonly string[]).includes(view.email.template)
                ? t(`templates.${view.email.template as (typeof TEMPLATE_LABELS)[number]}`)
                : t("templates.other");
            return (
              <li key={event.id} className="break-inside-avoid text-sm">
                <span aria-hidden className="absolute -left-[7px] mt-1.5 h-3 w-3 rounded-full border-2 border-white bg-brand-700" />
                <p className="font-semibold">{title}</p>
                {view.action && !view.email && <p>{t("response", { action: ta(view.action) })}</p>}
                {view.from && view.to && <p>{t("statusChange", { from: ts(view.from), to: ts(view.to) })}</p>}
                {view.reason && <p>{reasonText(tr, format, view.reason)}</p>}
                {view.note && <p className="whitespace-pre-line break-words">{t("note", { note: view.note })}</p>}
                {view.repair && <p>{t(`repairs.${view.repair}`)}</p>}
                {view.accepted &&
                  (view.accepted.length > 0 ? (
                    <p>
                      {t("acceptedDifferences", {
                        fields: format.list(
                          view.accepted.map((f) => tf(f)),
                          { type: "conjunction" },
                        ),
                      })}
                    </p>
                  ) : (
                    <p>{t("noDifferences")}</p>
                  ))}
                {view.transmission && <TransmissionLine view={view.transmission} at={event.createdAt} />}
                {view.email && (
                  <p>
                    {template}
                    {view.email.to && <> · {t("emailTo", { to: view.email.to })}</>}
                    {view.email.failed && <span className="font-semibold text-red-800"> · {t("emailFailed")}</span>}
                  </p>
                )}
                <p className="text-xs text-gray-700">
                  <time dateTime={event.createdAt.toISOString()}>{dateTime(format, event.createdAt)}</time> · {t("by", { name: who })}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}

/** A delivery to a college, or its receipt: "Received by {college} on {date}", "{college} asked for it again: {reason}". */
async function TransmissionLine({ view, at }: { view: TransmissionView; at: Date }) {
  const t = await getTranslations("timeline.transmission");
  const format = await getFormatter();
  const college = (await getLocale()) === "fr" ? view.college.nameFr : view.college.nameEn;
  if (view.receipt === "CONFIRMED") return <p>{t("receivedBy", { college, date: dateTime(format, at) })}</p>;
  if (view.receipt === "RESUBMIT") return <p className="font-semibold text-red-800">{t("resubmitAsked", { college, reason: view.reason ?? "—" })}</p>;
  return (
    <p>
      {t(view.transmissionType === "Reissue" ? "sentReissue" : "sent", { college })}
      {view.batchId && <> · {t("batch", { batchId: view.batchId })}</>}
    </p>
  );
}
