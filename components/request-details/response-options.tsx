"use client";

import { useTranslations } from "next-intl";
import type { NoUploadAction } from "@/lib/domain/statuses";

/** The drop-down's choices: a neutral first option, so that no action is ever chosen by default. */
export function ResponseOptions({ actions }: { actions: readonly NoUploadAction[] }) {
  const t = useTranslations();
  return (
    <>
      <option value="">{t("respond.choose")}</option>
      {actions.map((action) => (
        <option key={action} value={action}>
          {t(`noUploadActions.${action}`)}
        </option>
      ))}
    </>
  );
}
