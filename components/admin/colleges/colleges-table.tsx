import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { Link } from "@/lib/i18n/navigation";
import type { VisibleCollege } from "@/lib/server/colleges/get-colleges";
import { EndpointBadge } from "./endpoint-badge";

/** The colleges, by code: where each one's batches go, its signing secret, its endpoint's state, Active. */
export async function CollegesTable({ colleges, locale }: { colleges: VisibleCollege[]; locale: "en" | "fr" }) {
  const [t, format] = await Promise.all([getTranslations("colleges"), getFormatter()]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Table caption={t("caption")}>
      <TableHead>
        {(["code", "name", "deliveryUrl", "secret", "endpoint", "active"] as const).map((c) => (
          <Th key={c} scope="col">
            {t(`columns.${c}`)}
          </Th>
        ))}
      </TableHead>
      <TableBody>
        {colleges.map((college) => (
          <tr key={college.id}>
            <Th scope="row" className="font-mono">
              <Link href={`/admin/colleges/${encodeURIComponent(college.code)}`}>{college.code}</Link>
            </Th>
            <Td>{locale === "fr" ? college.nameFr : college.nameEn}</Td>
            <Td className="max-w-xs break-all">{college.deliveryUrl ?? <span className="text-gray-700 italic">{t("noUrl")}</span>}</Td>
            <Td className="whitespace-nowrap">
              {college.hasSecret ? t("secretSetOn", { date: college.secretSetAt ? when(college.secretSetAt) : "—" }) : t("secretNotSet")}
            </Td>
            <Td>
              <EndpointBadge
                state={college.endpoint}
                label={
                  college.endpoint === "disabled" ? t("endpoint.disabled", { date: when(college.deliveryDisabledAt!) }) : t(`endpoint.${college.endpoint}`)
                }
              />
            </Td>
            <Td>{college.active ? t("status.active") : t("status.inactive")}</Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
