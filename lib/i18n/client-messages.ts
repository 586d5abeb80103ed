import type { Messages } from "next-intl";

/**
 * The namespaces the app-wide NextIntlClientProvider leaves out: server-only ones (emails, timeline, exports, page
 * titles, column headers, …) and those of the pages that add them back with a provider of their own (`PageMessages`:
 * the sign-in pages, the admin section, notifications, bulk upload, request details, reports). Every page's HTML
 * carries the messages its client components may need; without this, each carried the whole catalogue (~80 kB, more
 * than half of a dashboard page).
 * A new client component using one of these on another page needs a `PageMessages` around it.
 */
export const PAGE_ONLY_NAMESPACES = [
  "auth",
  "applicant",
  "pages",
  "app",
  "header",
  "columns",
  "sla",
  "sendOptions",
  "requestTypes",
  "roles",
  "common",
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

/** Of the page-only namespaces, what every page's client components need: the answer of an action whose session ended. */
const SHARED_KEYS: { [N in (typeof PAGE_ONLY_NAMESPACES)[number]]?: readonly (keyof Messages[N])[] } = { auth: ["sessionExpired"] };

export function sharedClientMessages(messages: Messages): Partial<Messages> {
  const omitted = new Set<string>(PAGE_ONLY_NAMESPACES);
  const shared: Record<string, unknown> = Object.fromEntries(Object.entries(messages).filter(([namespace]) => !omitted.has(namespace)));
  for (const [namespace, keys] of Object.entries(SHARED_KEYS)) {
    const all = (messages as Record<string, Record<string, unknown>>)[namespace];
    if (all) shared[namespace] = Object.fromEntries(keys.map((key) => [key, all[key as string]]));
  }
  return shared as Partial<Messages>;
}

export type PageOnlyNamespace = (typeof PAGE_ONLY_NAMESPACES)[number];

/** What a page's client components may need: the app-wide messages plus the page-only namespaces it names. */
export function pageClientMessages(messages: Messages, namespaces: readonly PageOnlyNamespace[]): Partial<Messages> {
  const added = Object.fromEntries(namespaces.flatMap((namespace) => (namespace in messages ? [[namespace, messages[namespace]]] : [])));
  return { ...sharedClientMessages(messages), ...added } as Partial<Messages>;
}
