const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML email bodies: names like `<script>` arrive as text. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A plain, readable HTML email: paragraphs and at most one button-like link. */
export function emailHtml(options: { lang: string; paragraphs: string[]; link?: { href: string; label: string } }): string {
  const body = options.paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join("");
  const link = options.link
    ? `<p style="margin:24px 0"><a href="${escapeHtml(options.link.href)}" style="background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(options.link.label)}</a></p><p style="font-size:12px;color:#555">${escapeHtml(options.link.href)}</p>`
    : "";
  return `<!doctype html><html lang="${escapeHtml(options.lang)}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#111;max-width:600px;margin:0 auto;padding:24px">${body}${link}</body></html>`;
}

/** A block of a structured email (digests, alerts): written once, rendered as HTML and as plain text. */
export type EmailBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "facts"; rows: readonly { label: string; value: string; href?: string }[] }
  | { kind: "list"; items: readonly { text: string; href?: string }[] }
  | { kind: "button"; label: string; href: string };

const cell = "padding:4px 12px 4px 0;vertical-align:top";

/** Structured blocks as a plain HTML email (tables for facts, no images, every value escaped). */
export function blocksHtml(lang: string, blocks: readonly EmailBlock[]): string {
  const link = (text: string, href?: string) => (href ? `<a href="${escapeHtml(href)}" style="color:#1d4ed8">${escapeHtml(text)}</a>` : escapeHtml(text));
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case "heading":
          return `<h2 style="font-size:17px;margin:24px 0 8px">${escapeHtml(b.text)}</h2>`;
        case "paragraph":
          return `<p style="margin:0 0 16px">${escapeHtml(b.text)}</p>`;
        case "facts":
          return `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${b.rows
            .map(
              (r) =>
                `<tr><th scope="row" style="${cell};text-align:left;font-weight:normal;color:#333">${escapeHtml(r.label)}</th><td style="${cell};font-weight:bold">${link(r.value, r.href)}</td></tr>`,
            )
            .join("")}</table>`;
        case "list":
          return `<ul style="margin:0 0 16px;padding-left:20px">${b.items.map((i) => `<li style="margin:0 0 4px">${link(i.text, i.href)}</li>`).join("")}</ul>`;
        case "button":
          return `<p style="margin:24px 0"><a href="${escapeHtml(b.href)}" style="background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(b.label)}</a></p>`;
      }
    })
    .join("");
  return `<!doctype html><html lang="${escapeHtml(lang)}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#111;max-width:640px;margin:0 auto;padding:24px">${body}</body></html>`;
}

/** The same blocks as plain text: links written out after their text. */
export function blocksText(blocks: readonly EmailBlock[]): string {
  const withLink = (text: string, href?: string) => (href ? `${text} — ${href}` : text);
  return blocks
    .map((b) => {
      switch (b.kind) {
        case "heading":
          return `${b.text}\n${"=".repeat(Math.min(b.text.length, 60))}`;
        case "paragraph":
          return b.text;
        case "facts":
          return b.rows.map((r) => `${r.label}: ${withLink(r.value, r.href)}`).join("\n");
        case "list":
          return b.items.map((i) => `- ${withLink(i.text, i.href)}`).join("\n");
        case "button":
          return `${b.label}: ${b.href}`;
      }
    })
    .join("\n\n");
}
