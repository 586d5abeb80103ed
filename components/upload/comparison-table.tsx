import { getTranslations } from "next-intl/server";
import type { FieldComparison } from "@/lib/domain/pesc/compare";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";

const GENDERS = new Set(["MALE", "FEMALE", "X"]);
const GENDER_CODES: Readonly<Record<string, string>> = { M: "MALE", F: "FEMALE" };

const OUTCOME_STYLE: Record<FieldComparison["outcome"], string> = {
  same: "text-green-800",
  minor: "text-amber-800 font-semibold",
  different: "text-red-800 font-bold",
  missing: "text-red-800 font-bold",
};

/** The request and the transcript side by side; every difference in red with a text cue, accent/case-only ones minor. */
export async function ComparisonTable({ comparisons }: { comparisons: readonly FieldComparison[] }) {
  const t = await getTranslations("upload");
  const tg = await getTranslations("applicant.genders");
  const show = (c: FieldComparison, side: "request" | "transcript") => {
    const value = side === "request" ? c.requestValue : c.transcriptValue;
    if (value === null) return "—";
    if (c.field === "gender") {
      // Both sides in the page's language: the request stores MALE / FEMALE / X, PESC writes Male / Female (or M / F).
      const code = GENDER_CODES[value.toUpperCase()] ?? value.toUpperCase();
      if (GENDERS.has(code)) return tg(code as "MALE" | "FEMALE" | "X");
    }
    return value;
  };
  return (
    <Table caption={t("comparisonCaption")} showCaption>
      <TableHead>
        <Th scope="col">{t("columns.field")}</Th>
        <Th scope="col">{t("columns.request")}</Th>
        <Th scope="col">{t("columns.transcript")}</Th>
        <Th scope="col">{t("columns.result")}</Th>
      </TableHead>
      <TableBody>
        {comparisons.map((c) => {
          const differs = c.outcome === "different" || c.outcome === "missing";
          return (
            <tr key={c.field} data-outcome={c.outcome} className={differs ? "bg-red-50" : undefined}>
              <Th scope="row">{t(`fields.${c.field}`)}</Th>
              <Td className={differs ? "text-red-800" : undefined}>{show(c, "request")}</Td>
              <Td className={differs ? "text-red-800" : undefined}>{show(c, "transcript")}</Td>
              <Td className={OUTCOME_STYLE[c.outcome]}>{t(`outcomes.${c.outcome}`)}</Td>
            </tr>
          );
        })}
      </TableBody>
    </Table>
  );
}
