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
