import type { getFormatter, getTranslations } from "next-intl/server";
import type { DifferenceValues, ReasonView } from "@/lib/domain/status-reason";
import { calendarDate } from "./formatting";

type Translator = Awaited<ReturnType<typeof getTranslations<"reasons">>>;
type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/** The sentence that explains a reason, in the page's language. */
export function reasonText(t: Translator, format: Formatter, reason: ReasonView): string {
  switch (reason.key) {
    case "sisNotFound":
      return t("sisNotFound", { oen: reason.oen ?? "" });
    case "sisDifferences":
      return t("sisDifferences", {
        fields: format.list(
          (reason.fields ?? []).map((f) => t(`fields.${f}`)),
          { type: "conjunction" },
        ),
      });
    default:
      return t(reason.key);
  }
}

/** The labels the difference lines use (the validation screen's field names and the applicant's gender names). */
export type DifferenceLabels = {
  field: (field: DifferenceValues["field"]) => string;
  gender: (gender: "MALE" | "FEMALE" | "X") => string;
};

const GENDER_CODES: Readonly<Record<string, "MALE" | "FEMALE" | "X">> = { M: "MALE", F: "FEMALE", MALE: "MALE", FEMALE: "FEMALE", X: "X" };

/**
 * One line per field that differs, with the value on each side in the page's language ("Gender — request: Female,
 * SIS: Male"); none for a reason stored without values (before they were kept) or any other reason.
 */
export function differenceLines(t: Translator, labels: DifferenceLabels, format: Formatter, reason: ReasonView): string[] {
  if (reason.key !== "sisDifferences" || !reason.values) return [];
  const show = (field: DifferenceValues["field"], value: string | null) => {
    if (value === null) return t("noValue");
    if (field === "gender") {
      const code = GENDER_CODES[value.toUpperCase()];
      return code ? labels.gender(code) : value;
    }
    if (field === "dateOfBirth") return calendarDate(format, value);
    return value;
  };
  return reason.values.map((v) => t("difference", { field: labels.field(v.field), request: show(v.field, v.request), sis: show(v.field, v.sis) }));
}
