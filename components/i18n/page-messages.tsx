import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pageClientMessages, type PageOnlyNamespace } from "@/lib/i18n/client-messages";

/**
 * Messages for the client components below it (see lib/i18n/client-messages.ts): the app-wide ones plus the
 * page-only namespaces named, or the whole catalogue when none are named. The catalogue is ~80 kB of each page's
 * HTML and RSC payload: a page its clerks open all day names what it needs.
 */
export async function PageMessages({ namespaces, children }: { namespaces?: readonly PageOnlyNamespace[]; children: ReactNode }) {
  if (!namespaces) return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
  return <NextIntlClientProvider messages={pageClientMessages(await getMessages(), namespaces)}>{children}</NextIntlClientProvider>;
}
