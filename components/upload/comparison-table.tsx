import clsx from "clsx";
import { getTranslations } from "next-intl/server";
import type { FieldComparison } from "@/lib/domain/pesc/compare";

const GENDERS = new Set(["MALE", "FEMALE", "X"]);

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
    if (side === "request" && c.field === "gender" && GENDERS.has(value)) return tg(value as "MALE" | "FEMALE" | "X");
    return value;
  };
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="mb-2 text-left font-semibold">{t("comparisonCaption")}</caption>
      <thead>
        <tr className="border-b border-gray-300 text-left">
          <th scope="col" className="py-2 pr-4">{t("columns.field")}</th>
          <th scope="col" className="py-2 pr-4">{t("columns.request")}</th>
          <th scope="col" className="py-2 pr-4">{t("columns.transcript")}</th>
          <th scope="col" className="py-2">{t("columns.result")}</th>
        </tr>
      </thead>
      <tbody>
        {comparisons.map((c) => {
          const differs = c.outcome === "different" || c.outcome === "missing";
          return (
            <tr key={c.field} data-outcome={c.outcome} className={clsx("border-b border-gray-200", differs && "bg-red-50")}>
              <th scope="row" className="py-2 pr-4 text-left font-medium">{t(`fields.${c.field}`)}</th>
              <td className={clsx("py-2 pr-4", differs && "text-red-800")}>{show(c, "request")}</td>
              <td className={clsx("py-2 pr-4", differs && "text-red-800")}>{show(c, "transcript")}</td>
              <td className={clsx("py-2", OUTCOME_STYLE[c.outcome])}>{t(`outcomes.${c.outcome}`)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
