import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import type { Locale } from "@/lib/i18n/routing";
import type { RequestStatus } from "@/lib/domain/statuses";
import { blocksHtml, blocksText, type EmailBlock } from "./html";
import type { RenderedEmail } from "./render-email";

// The notification emails of contracts §8, one template per kind, in the recipient's language, HTML and text from the
// same blocks (lib/email/html.ts), with absolute links to the dashboard search or the request they name. Values are
// inserted as text.

export const NOTIFICATION_TEMPLATES = ["digest", "pendingAlert", "requestToProcess", "slaAlert"] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

/** A request as an email names it. */
export type RequestLine = { referenceNumber: string; applicant: string; school: string; ageDays: number; status: RequestStatus };

type Links = { appUrl: string; locale: Locale };
const dashboard = ({ appUrl, locale }: Links, query: string) => `${appUrl}/${locale}/requests${query ? `?${query}` : ""}`;
const details = ({ appUrl, locale }: Links, reference: string) => `${appUrl}/${locale}/requests/${encodeURIComponent(reference)}`;

function translators(locale: Locale) {
  const messages = locale === "fr" ? fr : en;
  const t = createTranslator({ locale, messages, namespace: "emails.notifications" }) as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;
  const root = createTranslator({ locale, messages }) as unknown as (key: string, values?: Record<string, string | number>) => string;
  return { t, root };
}

function render(locale: Locale, subject: string, blocks: EmailBlock[], signature: string): RenderedEmail {
  const all: EmailBlock[] = [...blocks, { kind: "paragraph", text: signature }];
  return { subject, text: blocksText(all), html: blocksHtml(locale, all) };
}

function requestItems(links: Links, lines: readonly RequestLine[], t: ReturnType<typeof translators>) {
  return lines.map((r) => ({
    text: t.t("requestLine", {
      reference: r.referenceNumber,
      applicant: r.applicant,
      school: r.school,
      status: t.root(`statuses.${r.status}`),
      age: r.ageDays,
    }),
    href: details(links, r.referenceNumber),
  }));
}

export type DigestData = Links & {
  name: string;
  scope: string;
  asOf: string;
  counts: { todo: number; incomplete: number; inProgress: number; complete: number };
  newSince: number;
  atOrPastSla: number;
  sla: number;
  oldest: readonly RequestLine[];
  /** Completed by Auto-TRMS since the last digest, for users who asked (Auto-TRMS boards); null otherwise. */
  completedByAutoTrms: number | null;
};

/** The summary digest: counts per tab, new since the last one, at or past the SLA, the oldest open requests. */
export function renderDigest(data: DigestData): RenderedEmail {
  const tr = translators(data.locale);
  const { t, root } = tr;
  const tabs = [
    ["todo", "todo"],
    ["incomplete", "incomplete"],
    ["inProgress", "in-progress"],
    ["complete", "complete"],
  ] as const;
  const facts = [
    ...tabs.map(([key, param]) => ({ label: root(`tabs.${key}`), value: String(data.counts[key]), href: dashboard(data, `tab=${param}`) })),
    { label: t("digest.newSince"), value: String(data.newSince) },
    { label: t("digest.atOrPastSla", { sla: data.sla }), value: String(data.atOrPastSla), href: dashboard(data, "status=ALL&sort=age&dir=desc") },
    ...(data.completedByAutoTrms === null ? [] : [{ label: t("digest.completedByAutoTrms"), value: String(data.completedByAutoTrms) }]),
  ];
  return render(
    data.locale,
    t("digest.subject", { todo: data.counts.todo, late: data.atOrPastSla }),
    [
      { kind: "paragraph", text: t("greeting", { name: data.name }) },
      { kind: "paragraph", text: t("digest.intro", { scope: data.scope, date: data.asOf }) },
      { kind: "facts", rows: facts },
      { kind: "heading", text: t("digest.oldestHeading") },
      data.oldest.length > 0 ? { kind: "list", items: requestItems(data, data.oldest, tr) } : { kind: "paragraph", text: t("digest.noneOpen") },
      { kind: "button", label: t("openDashboard"), href: dashboard(data, "tab=todo") },
      { kind: "paragraph", text: t("why", { url: `${data.appUrl}/${data.locale}/notifications` }) },
    ],
    t("signature"),
  );
}

export type ListAlertData = Links & { name: string; requests: readonly RequestLine[]; more: number };

/** Requests waiting N business hours or more in To Do or Incomplete, named once each. */
export function renderPendingAlert(data: ListAlertData & { hours: number }): RenderedEmail {
  const tr = translators(data.locale);
  const count = data.requests.length + data.more;
  return render(
    data.locale,
    tr.t("pending.subject", { count, hours: data.hours }),
    [
      { kind: "paragraph", text: tr.t("greeting", { name: data.name }) },
      { kind: "paragraph", text: tr.t("pending.body", { count, hours: data.hours }) },
      { kind: "list", items: requestItems(data, data.requests, tr) },
      ...(data.more > 0 ? [{ kind: "paragraph" as const, text: tr.t("more", { count: data.more }) }] : []),
      { kind: "button", label: tr.t("openTodo"), href: dashboard(data, "tab=todo&sort=age&dir=desc") },
      { kind: "paragraph", text: tr.t("why", { url: `${data.appUrl}/${data.locale}/notifications` }) },
    ],
    tr.t("signature"),
  );
}

/** Requests that reached or passed the SLA since the last alert (users, and a board's escalation address). */
export function renderSlaAlert(data: ListAlertData & { sla: number; scope: string }): RenderedEmail {
  const tr = translators(data.locale);
  const count = data.requests.length + data.more;
  return render(
    data.locale,
    tr.t("sla.subject", { count, sla: data.sla }),
    [
      { kind: "paragraph", text: tr.t("greeting", { name: data.name }) },
      { kind: "paragraph", text: tr.t("sla.body", { count, sla: data.sla, scope: data.scope }) },
      { kind: "list", items: requestItems(data, data.requests, tr) },
      ...(data.more > 0 ? [{ kind: "paragraph" as const, text: tr.t("more", { count: data.more }) }] : []),
      { kind: "button", label: tr.t("openDashboard"), href: dashboard(data, "status=ALL&sort=age&dir=desc") },
    ],
    tr.t("signature"),
  );
}

/** One request that entered To Do in the user's scope. */
export function renderRequestToProcess(data: Links & { name: string; request: RequestLine & { requestDate: string } }): RenderedEmail {
  const { t, root } = translators(data.locale);
  const r = data.request;
  return render(
    data.locale,
    t("toProcess.subject", { reference: r.referenceNumber }),
    [
      { kind: "paragraph", text: t("greeting", { name: data.name }) },
      { kind: "paragraph", text: t("toProcess.body", { school: r.school }) },
      {
        kind: "facts",
        rows: [
          { label: t("toProcess.reference"), value: r.referenceNumber, href: details(data, r.referenceNumber) },
          { label: t("toProcess.applicant"), value: r.applicant },
          { label: t("toProcess.status"), value: root(`statuses.${r.status}`) },
          { label: t("toProcess.requestDate"), value: r.requestDate },
        ],
      },
      { kind: "button", label: t("toProcess.action"), href: details(data, r.referenceNumber) },
      { kind: "paragraph", text: t("why", { url: `${data.appUrl}/${data.locale}/notifications` }) },
    ],
    t("signature"),
  );
}
