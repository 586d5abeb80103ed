import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import type { ReportErrors, ReportParams } from "@/lib/domain/reports/report-params";

type Props = {
  locale: "en" | "fr";
  params: ReportParams;
  /** The values of the URL as typed, so that an invalid entry is shown back. */
  raw: { from?: string; to?: string };
  errors: ReportErrors;
  /** The schools in scope as the list names them (board users and OCAS); null for a school user. */
  schools: { mident: string; label: string }[] | null;
};

/**
 * The report's parameters as a GET form (contracts §9): they live in the URL, so a report can be bookmarked, and the
 * form works without JavaScript. Clear submits an empty form of its own: the page without parameters.
 */
export async function ReportForm({ locale, params, raw, errors, schools }: Props) {
  const t = await getTranslations();
  const tx = t as unknown as (key: string) => string;
  const errorFor = (field: keyof ReportErrors) => (errors[field] ? [tx(errors[field]!)] : undefined);
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="rounded-md border border-gray-200 bg-white px-4 py-3">
      <form id="report-form" method="get" action={`/${locale}/reports`} className="flex flex-col gap-4" noValidate>
        {hasErrors && <Notice tone="error">{t("reports.errorSummary")}</Notice>}
        <p className="text-sm text-gray-700">{t("reports.intro")}</p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <TextField name="from" type="date" label={t("reports.startDate")} defaultValue={raw.from ?? ""} errors={errorFor("from")} required />
          <TextField name="to" type="date" label={t("reports.endDate")} defaultValue={raw.to ?? ""} errors={errorFor("to")} required />
          {schools && (
            <SelectField
              name="school"
              label={t("reports.selectSchool")}
              defaultValue={params.school ?? ""}
              errors={errorFor("school")}
              className="lg:col-span-2"
            >
              <option value="">{t("reports.allSchools")}</option>
              {schools.map((s) => (
                <option key={s.mident} value={s.mident}>
                  {s.label}
                </option>
              ))}
            </SelectField>
          )}
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-gray-800">{t("reports.reportType")}</legend>
          <div className="mt-1 flex gap-6">
            {(["summary", "detailed"] as const).map((type) => (
              <label key={type} className="check">
                <input type="radio" name="type" value={type} defaultChecked={params.type === type} />
                {t(`reports.${type}`)}
              </label>
            ))}
          </div>
        </fieldset>
      </form>
      <form id="report-clear" method="get" action={`/${locale}/reports`} />
      <div className="mt-4 flex gap-2">
        <Button type="submit" form="report-form">
          {t("reports.generateReport")}
        </Button>
        <Button type="submit" form="report-clear" variant="secondary">
          {t("reports.clear")}
        </Button>
      </div>
    </div>
  );
}
