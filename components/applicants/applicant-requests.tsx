import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ApplicantDetails } from "@/lib/server/applicants/get-applicant-details";
import { Link } from "@/lib/i18n/navigation";
import { StatusBadge } from "@/components/requests/status-badge";

/** The applicant's requests in the actor's scope: status and destinations, each linking to its details. */
export async function ApplicantRequests({ requests }: { requests: ApplicantDetails["requests"] }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const name = (o: { nameEn: string; nameFr: string }) => (locale === "fr" ? o.nameFr : o.nameEn);
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{t("applicant.requests")}</caption>
        <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-700">
          <tr>
            <th scope="col" className="px-2 py-1.5">{t("columns.referenceNumber")}</th>
            <th scope="col" className="px-2 py-1.5">{t("columns.requestDate")}</th>
            <th scope="col" className="px-2 py-1.5">{t("columns.requestType")}</th>
            <th scope="col" className="px-2 py-1.5">{t("columns.school")}</th>
            <th scope="col" className="px-2 py-1.5">{t("columns.status")}</th>
            <th scope="col" className="px-2 py-1.5">{t("applicant.destinations")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {requests.map((r) => (
            <tr key={r.id} className="align-top">
              <td className="whitespace-nowrap px-2 py-1.5 font-mono">
                <Link href={`/requests/${r.referenceNumber}`}>{r.referenceNumber}</Link>
              </td>
              <td className="whitespace-nowrap px-2 py-1.5">
                <time dateTime={r.paidAt.toISOString()}>{format.dateTime(r.paidAt, { dateStyle: "medium" })}</time>
              </td>
              <td className="px-2 py-1.5">{t(`requestTypes.${r.requestType}`)}</td>
              <td className="px-2 py-1.5">{name(r.school)}</td>
              <td className="px-2 py-1.5">
                <StatusBadge status={r.status} label={t(`statuses.${r.status}`)} />
              </td>
              <td className="px-2 py-1.5">
                {r.destinations.length === 0 ? (
                  t("common.none")
                ) : (
                  <ul>
                    {r.destinations.map(({ college }) => (
                      <li key={college.code}>{name(college)}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
