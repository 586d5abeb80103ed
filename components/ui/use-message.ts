"use client";

import { useTranslations } from "next-intl";

type Values = Record<string, string | number>;

/** Translates a message key returned by a server action (keys are dynamic, so not statically typed). */
export function useMessage() {
  const t = useTranslations();
  return (key: string, values?: Values) => (t as unknown as (k: string, v?: Values) => string)(key, values);
}
