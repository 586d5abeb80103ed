import type { getFormatter, getTranslations } from "next-intl/server";
import type { ReasonView } from "@/lib/domain/status-reason";

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
