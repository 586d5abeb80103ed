"use client";

import { useRef } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "@/lib/i18n/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useMessage } from "@/components/ui/use-message";
import { DB_TABS, STATUSES_BY_TAB, tabKeyOf, tabParamOf, type RequestStatus } from "@/lib/domain/statuses";
import type { RequestSearch, SearchErrors } from "@/lib/domain/request-search";

type Props = {
  search: RequestSearch;
  /** The raw values of the URL, so that an invalid entry is shown back as typed. */
  raw: Record<string, string>;
  errors: SearchErrors;
  schools: { mident: string; name: string }[] | null;
  open: boolean;
};

// A GET form: the search lives in the URL (contracts §1), works without JavaScript and can be bookmarked.
// Panels are native <details> disclosures (keyboard and screen-reader support for free).
export function SearchPanel({ search, raw, errors, schools, open }: Props) {
  const t = useTranslations();
  const m = useMessage();
  const locale = useLocale();
  const formRef = useRef<HTMLFormElement>(null);
  const router = useRouter();
  const selected = new Set<string>(search.statuses === "ALL" ? ["ALL"] : (search.statuses ?? []));
  const errorFor = (field: keyof SearchErrors) => (errors[field] ? [m(errors[field]!)] : undefined);
  const hasErrors = Object.keys(errors).length > 0;
  const moreOpen = Boolean(search.lastAttended || search.statuses || errors.lastAttended);

  function toggleAll(checked: boolean) {
    formRef.current?.querySelectorAll<HTMLInputElement>("input[data-status]").forEach((box) => {
      box.checked = checked;
    });
  }

  return (
    <details open={open || hasErrors} className="rounded-md border border-gray-200 bg-white">
      {/* The +/− comes from CSS, so that the summary's text is exactly its label. */}
      <summary className="disclosure px-4 py-2">{t("search.search")}</summary>
      <form ref={formRef} method="get" action={`/${locale}/requests`} className="flex flex-col gap-4 border-t border-gray-200 px-4 py-3" noValidate>
        {hasErrors && <Notice tone="error">{t("search.errorSummary")}</Notice>}
        <p className="text-xs text-gray-600">{t("search.panelHint")}</p>
        {search.statuses === null && <input type="hidden" name="tab" value={tabParamOf(search.tab)} />}
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <TextField name="from" type="date" label={t("search.startDate")} defaultValue={raw.from ?? ""} errors={errorFor("from")} />
          <TextField name="to" type="date" label={t("search.endDate")} defaultValue={raw.to ?? ""} errors={errorFor("to")} />
          <TextField
            name="requestNumber"
            inputMode="numeric"
            label={t("search.requestNumber")}
            defaultValue={raw.requestNumber ?? ""}
            errors={errorFor("requestNumber")}
          />
          <TextField
            name="accountNumber"
            inputMode="numeric"
            label={t("search.accountNumber")}
            defaultValue={raw.accountNumber ?? ""}
            errors={errorFor("accountNumber")}
          />
          <TextField
            name="referenceNumber"
            label={t("search.referenceNumber")}
            placeholder="REF-12345678"
            defaultValue={raw.referenceNumber ?? ""}
            errors={errorFor("referenceNumber")}
          />
          <TextField name="oen" inputMode="numeric" label={t("search.oen")} defaultValue={raw.oen ?? ""} errors={errorFor("oen")} />
          <TextField name="firstName" label={t("search.firstName")} defaultValue={raw.firstName ?? ""} autoComplete="off" />
          <TextField name="lastName" label={t("search.lastName")} defaultValue={raw.lastName ?? ""} autoComplete="off" />
          {schools && (
            <SelectField name="school" label={t("search.school")} defaultValue={search.school ?? ""}>
              <option value="">{t("search.allSchools")}</option>
              {schools.map((s) => (
                <option key={s.mident} value={s.mident}>
                  {s.name} ({s.mident})
                </option>
              ))}
            </SelectField>
          )}
        </div>
        <details open={moreOpen} className="rounded-md border border-gray-200">
          <summary className="disclosure px-3 py-2 text-sm">{t("search.moreOptions")}</summary>
          <div className="flex flex-col gap-3 border-t border-gray-200 px-3 py-3">
            <TextField
              name="lastAttended"
              type="month"
              label={t("search.lastAttendedDate")}
              defaultValue={raw.lastAttended ?? ""}
              errors={errorFor("lastAttended")}
              className="max-w-xs"
            />
            <fieldset>
              <legend className="text-sm font-semibold">{t("search.showStatus")}</legend>
              <label className="check mt-2">
                <input type="checkbox" name="status" value="ALL" defaultChecked={selected.has("ALL")} onChange={(e) => toggleAll(e.currentTarget.checked)} />
                {t("search.selectAll")}
              </label>
              <div className="mt-2 grid grid-cols-1 gap-3 md:grid-cols-4">
                {DB_TABS.map((tab) => (
                  <fieldset key={tab} className="rounded-md border border-gray-200 px-3 py-2">
                    <legend className="px-1 text-sm font-medium">{t(`tabs.${tabKeyOf(tab)}`)}</legend>
                    {STATUSES_BY_TAB[tab].map((status: RequestStatus) => (
                      <label key={status} className="check">
                        <input type="checkbox" name="status" value={status} data-status defaultChecked={selected.has(status) || selected.has("ALL")} />
                        {t(`statuses.${status}`)}
                      </label>
                    ))}
                  </fieldset>
                ))}
              </div>
            </fieldset>
          </div>
        </details>
        <div className="flex gap-2">
          <Button type="submit">{t("search.searchButton")}</Button>
          <Button type="button" variant="secondary" onClick={() => router.push(`/requests?tab=${tabParamOf(search.tab)}`)}>
            {t("search.clear")}
          </Button>
        </div>
      </form>
    </details>
  );
}
