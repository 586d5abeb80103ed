import { getTranslations } from "next-intl/server";
import { readableTranscript, type PreviewTranslate } from "@/lib/domain/pesc/readable";
import type { Transcript } from "@/lib/domain/pesc/transcript";
import { TranscriptPreviewView } from "./transcript-preview-view";

type Props = {
  transcript: Transcript;
  locale: "en" | "fr";
  reference: string;
  /** The pending upload shown on the validation screen; absent for the request's current (stored) transcript. */
  pendingId?: string;
  headingLevel: 2 | 3;
};

/** The scoped PDF route of the same transcript, in the page's language. */
export function transcriptPdfHref(reference: string, locale: "en" | "fr", pendingId?: string): string {
  const query = new URLSearchParams({ locale, ...(pendingId ? { pending: pendingId } : {}) });
  return `/api/transcripts/${encodeURIComponent(reference)}/pdf?${query}`;
}

/** The XML transcript as a readable transcript in the page's language, server-rendered, with its PDF download. */
export async function TranscriptPreview({ transcript, locale, reference, pendingId, headingLevel }: Props) {
  const tp = await getTranslations({ locale, namespace: "transcriptPreview" });
  const none = (await getTranslations({ locale, namespace: "common" }))("none");
  // The model asks for keys it has checked exist (codes it knows); the typed translator cannot see that.
  const translate: PreviewTranslate = (key, values) => tp(key as Parameters<typeof tp>[0], values as never);
  const model = readableTranscript(transcript, locale, translate);
  return (
    <TranscriptPreviewView
      model={model}
      pdfHref={transcriptPdfHref(reference, locale, pendingId)}
      headingLevel={headingLevel}
      idPrefix={pendingId ? "pending-transcript" : "current-transcript"}
      text={{
        title: tp("title"),
        intro: tp(pendingId ? "introPending" : "introCurrent"),
        show: tp("show", { count: model.courses.rows.length }),
        downloadPdf: tp("downloadPdf"),
        noCourses: tp("noCourses"),
        none,
      }}
    />
  );
}
