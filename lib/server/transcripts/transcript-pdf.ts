import "server-only";
import { pdfQueue } from "@/lib/server/pdf/render-queue";
import type { Actor } from "@/lib/auth/roles";
import { TORONTO_TZ } from "@/lib/domain/business-days";
import { readableTranscript, type PreviewTranslate } from "@/lib/domain/pesc/readable";
import { otherLocale, type Locale } from "@/lib/i18n/routing";
import { exportTranslator } from "@/lib/server/exports/export-labels";
import { findCurrentTranscript } from "./find-current-transcript";
import { findPendingTranscript } from "./find-pending-transcript";
import { renderTranscriptDocument } from "./transcript-document";

export type TranscriptPdfOptions = {
  actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">;
  referenceNumber: string;
  /** The user's pending upload (validation screen); absent for the request's current stored transcript. */
  pendingId?: string;
  locale: Locale;
  now?: Date;
  /** The request's: a client that went away while waiting for its turn is dropped (lib/server/pdf/render-queue.ts). */
  signal?: AbortSignal;
};

export type TranscriptPdf = { pdf: Buffer; fileName: string };

/**
 * The readable transcript of a request as a PDF in `locale`, from the user's pending upload or the request's
 * current XML transcript; null when there is none the actor may read (the route answers 404).
 */
export async function transcriptPdf(options: TranscriptPdfOptions): Promise<TranscriptPdf | null> {
  const { actor, referenceNumber, pendingId, locale } = options;
  const now = options.now ?? new Date();
  const found = pendingId ? await findPendingTranscript({ actor, referenceNumber, pendingId, now }) : await findCurrentTranscript({ actor, referenceNumber });
  if (!found) return null;
  const { receivedAt } = found;

  const t = exportTranslator(locale);
  const tOther = exportTranslator(otherLocale(locale));
  const tp: PreviewTranslate = (key, values) => t(`transcriptPreview.${key}`, values);
  const model = readableTranscript(found.transcript, locale, tp);
  const instant = new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { dateStyle: "long", timeStyle: "short", timeZone: TORONTO_TZ });
  const pdf = await pdfQueue.run(
    actor.id,
    () =>
      renderTranscriptDocument({
        lang: locale,
        title: `${t("transcriptPreview.pdf.title")} / ${tOther("transcriptPreview.pdf.title")}`,
        meta: [t("transcriptPreview.pdf.request", { reference: found.referenceNumber }), t("transcriptPreview.pdf.generatedAt", { date: instant.format(now) })],
        source: receivedAt ? t("transcriptPreview.pdf.current", { date: instant.format(receivedAt) }) : t("transcriptPreview.pdf.pending"),
        pending: receivedAt === null,
        model,
        noCourses: t("transcriptPreview.noCourses"),
        none: t("common.none"),
        pageLabel: (page, pages) => t("transcriptPreview.pdf.page", { page, pages }),
      }),
    options.signal,
  );
  const fileName = `${locale === "fr" ? "releve-de-notes" : "transcript"}-${found.referenceNumber}.pdf`;
  return { pdf, fileName };
}
