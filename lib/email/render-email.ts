import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import type { Locale } from "@/lib/i18n/routing";
import { emailHtml } from "./html";

// Every email is written in the recipient's language from the message files (namespace `emails`), as plain text
// and as simple HTML. Values are inserted as text, never as markup.
type Values = Record<string, string | number>;

type TemplateShape = { paragraphs: readonly string[]; link?: { hrefValue: string; labelKey: string } };

export const EMAIL_TEMPLATES = {
  temporaryPassword: { paragraphs: ["greeting", "body", "username", "password", "change"], link: { hrefValue: "url", labelKey: "action" } },
  passwordReset: { paragraphs: ["greeting", "body", "username", "expiry", "ignore"], link: { hrefValue: "url", labelKey: "action" } },
  usernameReminder: { paragraphs: ["greeting", "body", "ignore"], link: { hrefValue: "url", labelKey: "action" } },
  // To applicants, after a no-upload action (product §5): who to contact and the reference to quote. No link:
  // applicants do not use TRMS.
  studentNotFound: { paragraphs: ["greeting", "body", "contact", "reference", "closing"] },
  financialHold: { paragraphs: ["greeting", "body", "contact", "reference", "closing"] },
  // To OCAS administrators, when a college's endpoint answered 410 (contracts §4).
  collegeEndpointDisabled: { paragraphs: ["greeting", "body", "waiting"], link: { hrefValue: "url", labelKey: "action" } },
} as const satisfies Record<string, TemplateShape>;

export type EmailTemplate = keyof typeof EMAIL_TEMPLATES;

export type RenderedEmail = { subject: string; text: string; html: string };

export function renderEmail(template: EmailTemplate, locale: Locale, values: Values): RenderedEmail {
  const t = createTranslator({ locale, messages: locale === "fr" ? fr : en, namespace: "emails" });
  // The template table above and the message files are kept in step by tests/unit/render-email.test.ts.
  const tr = t as unknown as (key: string, values?: Values) => string;
  const shape: TemplateShape = EMAIL_TEMPLATES[template];
  const paragraphs = shape.paragraphs.map((p) => tr(`${template}.${p}`, values));
  const link = shape.link ? { href: String(values[shape.link.hrefValue]), label: tr(`${template}.${shape.link.labelKey}`) } : undefined;
  const signature = tr("signature");
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.href}`] : []), signature].join("\n\n");
  return {
    subject: tr(`${template}.subject`, values),
    text,
    html: emailHtml({ lang: locale, paragraphs: [...paragraphs, signature], link }),
  };
}
