import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { transcriptPdfHref } from "@/components/transcript-preview/transcript-preview";
import { TranscriptPreviewView, type TranscriptPreviewText } from "@/components/transcript-preview/transcript-preview-view";
import { parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import { readableTranscript } from "@/lib/domain/pesc/readable";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

// The preview's markup, server-rendered as the pages render it: a closed native disclosure, a real table with a
// caption and scoped headers, the PDF link, and every value from the file as text, never as markup.
const REAL = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/pesc/ontario-highschool-transcript.xml"), "utf8");

function edit(xml: string, from: string, to: string): string {
  if (!xml.includes(from)) throw new Error(`test variant: ${from} not found`);
  return xml.replace(from, to);
}

function render(xml: string, locale: "en" | "fr", pendingId?: string) {
  const parsed = parseTranscript(xml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const t = createTranslator({ locale, messages: locale === "fr" ? fr : en, namespace: "transcriptPreview" });
  const model = readableTranscript(parsed.transcript, locale, (key, values) => t(key as never, values as never));
  const text: TranscriptPreviewText = {
    title: t("title"),
    intro: t("introPending"),
    show: t("show", { count: model.courses.rows.length }),
    downloadPdf: t("downloadPdf"),
    noCourses: t("noCourses"),
    none: "—",
  };
  const html = renderToStaticMarkup(
    createElement(TranscriptPreviewView, { model, text, pdfHref: transcriptPdfHref("REF-45454545", locale, pendingId), headingLevel: 3, idPrefix: "preview" }),
  );
  return new Rendered(html);
}

/** Enough of a DOM for these checks: the markup as a string, and its text with entities decoded. */
class Rendered {
  constructor(readonly html: string) {}
  text(): string {
    return this.html
      .replace(/<[^>]*>/g, " ")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ");
  }
}

describe("TranscriptPreviewView", () => {
  it("is a closed disclosure labelled with the number of courses, in the page's language", () => {
    const enView = render(REAL, "en", "pending123");
    expect(enView.html).toMatch(/<details class="[^"]*"><summary[^>]*>Show the transcript \(54 courses\)<\/summary>/);
    expect(enView.html).not.toMatch(/<details[^>]* open/);
    const frView = render(REAL, "fr");
    expect(frView.html).toContain(">Afficher le relevé de notes (54 cours)</summary>");
    expect(frView.text()).toContain("Données personnelles");
    expect(frView.text()).toContain("9e année");
  });

  it("links the PDF of the same transcript, in the same language, pending upload included", () => {
    const enView = render(REAL, "en", "pending123");
    expect(enView.html).toContain('href="/api/transcripts/REF-45454545/pdf?locale=en&amp;pending=pending123"');
    expect(enView.text()).toContain("Download the transcript as PDF");
    expect(render(REAL, "fr").html).toContain('href="/api/transcripts/REF-45454545/pdf?locale=fr"');
  });

  it("has headings, and a course table with a caption, column headers and row headers", () => {
    const { html } = render(REAL, "en");
    expect(html).toMatch(/<h3 id="preview-heading"[^>]*>Transcript Preview<\/h3>/);
    expect(html).toMatch(/<h4 id="preview-student"[^>]*>Student Information<\/h4>/);
    expect(html).toMatch(/<caption[^>]*>Course Information<\/caption>/);
    expect(html.match(/<th scope="col"/g)).toHaveLength(11);
    expect(html.match(/<th scope="row"/g)).toHaveLength(54);
    expect(html).toMatch(/<th scope="row"[^>]*>AVI1O1<\/th><td[^>]*>Visual Arts<\/td><td[^>]*>Grade 9<\/td>/);
    expect(html).toMatch(/<dt[^>]*>Date of Birth<\/dt><dd[^>]*>May 16, 1987<\/dd>/);
  });

  it("shows names with markup, quotes, emoji and accents as text", () => {
    let xml = edit(REAL, "<FirstName>Senior</FirstName>", "<FirstName>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</FirstName>");
    xml = edit(xml, "<LastName>Student</LastName>", "<LastName>O'Brien-Émilie 🎓</LastName>");
    xml = edit(xml, "<CourseTitle>Visual Arts</CourseTitle>", "<CourseTitle>&lt;img src=x onerror=alert(1)&gt;</CourseTitle>");
    const view = render(xml, "en");
    expect(view.html).not.toContain("<script");
    expect(view.html).not.toContain("<img");
    expect(view.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(view.text()).toContain('<script>alert("x")</script>');
    expect(view.text()).toContain("O'Brien-Émilie 🎓");
    expect(view.text()).toContain("<img src=x onerror=alert(1)>");
  });
});
