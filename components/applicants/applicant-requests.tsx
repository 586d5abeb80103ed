import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ApplicantDetails } from "@/lib/server/applicants/get-applicant-details";
import { Link } from "@/lib/i18n/navigation";
import { StatusBadge } from "@/components/requests/status-badge";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";

/** The applicant's requests in the actor's scope: status and destinations, each linking to its details. */
export async function ApplicantRequests({ requests }: { requests: ApplicantDetails["requests"] }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const name = (o: { nameEn: string; nameFr: string }) => (locale === "fr" ? o.nameFr : o.nameEn);
  return (
    <div className="overflow-x-auto">
      <Table caption={t("applicant.requests")}>
        <TableHead>
          <Th scope="col">{t("columns.referenceNumber")}</Th>
          <Th scope="col">{t("columns.requestDate")}</Th>
          <Th scope="col">{t("columns.requestType")}</Th>
          <Th scope="col">{t("columns.school")}</Th>
          <Th scope="col">{t("columns.status")}</Th>
          <Th scope="col">{t("applicant.destinations")}</Th>
        </TableHead>
        <TableBody>
          {requests.map((r) => (
            <tr key={r.id}>
              <Td className="whitespace-nowrap font-mono">
                <Link href={`/requests/${r.referenceNumber}`}>{r.referenceNumber}</Link>
              </Td>
              <Td className="whitespace-nowrap">
                <time dateTime={r.paidAt.toISOString()}>{format.dateTime(r.paidAt, { dateStyle: "medium" })}</time>
              </Td>
              <Td>{t(`requestTypes.${r.requestType}`)}</Td>
              <Td>{name(r.school)}</Td>
              <Td>
                <StatusBadge status={r.status} label={t(`statuses.${r.status}`)} />
              </Td>
              <Td>
                {r.destinations.length === 0 ? (
                  t("common.none")
                ) : (
                  <ul>
                    {r.destinations.map(({ college }) => (
                      <li key={college.code}>{name(college)}</li>
                    ))}
                  </ul>
                )}
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
