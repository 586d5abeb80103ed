import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";

/** The whole catalogue for the client components below it (see lib/i18n/client-messages.ts). */
export function PageMessages({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
}
