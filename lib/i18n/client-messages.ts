import type { Messages } from "next-intl";

/**
 * The namespaces the app-wide NextIntlClientProvider leaves out: server-only ones (emails, timeline, exports, …)
 * and those of the pages that add them back with a provider of their own (`PageMessages`: the admin section,
 * notifications, bulk upload, request details, reports). Every page's HTML carries the messages its client components may
 * need; without this, each carried the whole catalogue (~70 kB, a fifth of a dashboard page).
 * A new client component using one of these on another page needs a `PageMessages` around it.
 */
export const PAGE_ONLY_NAMESPACES = [
  "emails",
  "admin",
  "jobs",
  "colleges",
  "transmissions",
  "bulkUpload",
  "notifications",
  "timeline",
  "reasons",
  "details",
  "transcriptPreview",
  "exports",
  "reports",
] as const;

export function sharedClientMessages(messages: Messages): Partial<Messages> {
  const omitted = new Set<string>(PAGE_ONLY_NAMESPACES);
  return Object.fromEntries(Object.entries(messages).filter(([namespace]) => !omitted.has(namespace))) as Partial<Messages>;
}

export type PageOnlyNamespace = (typeof PAGE_ONLY_NAMESPACES)[number];

/** What a page's client components may need: the app-wide messages plus the page-only namespaces it names. */
export function pageClientMessages(messages: Messages, namespaces: readonly PageOnlyNamespace[]): Partial<Messages> {
  const added = Object.fromEntries(namespaces.flatMap((namespace) => (namespace in messages ? [[namespace, messages[namespace]]] : [])));
  return { ...sharedClientMessages(messages), ...added } as Partial<Messages>;
}
