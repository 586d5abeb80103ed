import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { BATCH_STATES } from "@/lib/domain/transmission/item-state";
import { transmissionLogParams, type TransmissionLogErrors, type TransmissionLogFilters } from "@/lib/domain/transmission/log-filters";
import { Link } from "@/lib/i18n/navigation";

type Props = {
  filters: TransmissionLogFilters;
  /** The night as typed, to show it again when it was not a date. */
  nightTyped: string;
  errors: TransmissionLogErrors;
  colleges: { code: string; nameEn: string; nameFr: string }[];
  locale: "en" | "fr";
};

/** The log's filters: a plain GET form, so that they live in the URL, work without JavaScript and can be bookmarked. */
export async function LogFilters({ filters, nightTyped, errors, colleges, locale }: Props) {
  const [t, tAll] = await Promise.all([getTranslations("transmissions"), getTranslations()]);
  const m = (key: string) => (tAll as unknown as (k: string) => string)(key);
  return (
    <form
      // New filters (Clear, a link, the browser's back button) are a new form: its fields show the URL's values.
      key={`${transmissionLogParams(filters, { page: 1 }).toString()}|${nightTyped}`}
      method="get"
      aria-label={t("filtersLabel")}
      className="mb-4 flex flex-wrap items-start gap-4 rounded-lg border border-gray-200 bg-white p-4"
    >
      <SelectField name="college" id="log-college" label={t("college")} defaultValue={filters.college ?? ""}>
        <option value="">{t("allColleges")}</option>
        {colleges.map((c) => (
          <option key={c.code} value={c.code}>
            {t("collegeOption", { code: c.code, college: locale === "fr" ? c.nameFr : c.nameEn })}
          </option>
        ))}
      </SelectField>
      <TextField
        name="night"
        id="log-night"
        type="date"
        label={t("night")}
        hint={t("nightHint")}
        defaultValue={filters.night ?? nightTyped}
        errors={errors.night ? [m(errors.night)] : undefined}
      />
      <SelectField name="state" id="log-state" label={t("state")} defaultValue={filters.state ?? ""}>
        <option value="">{t("allStates")}</option>
        {BATCH_STATES.map((s) => (
          <option key={s} value={s}>
            {t(`states.${s}`)}
          </option>
        ))}
      </SelectField>
      <div className="flex items-center gap-3 self-end pb-0.5">
        <Button type="submit">{t("filter")}</Button>
        <Link href="/admin/transmissions" className="text-sm">
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}
