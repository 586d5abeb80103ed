import "server-only";
import type { Locale } from "@/lib/i18n/routing";
import { exportTranslator } from "@/lib/server/exports/export-labels";
import { pdfBusyResponse, RenderAbortedError, RenderBusyError } from "./render-queue";

/**
 * The answer of a PDF route when the queue refused its work: 503 with Retry-After and a sentence in the user's
 * language when it is full; 499 (nobody reads it) when the client went away. Null for any other error.
 */
export function pdfQueueAnswer(error: unknown, locale: Locale): Response | null {
  if (error instanceof RenderBusyError) {
    return pdfBusyResponse(error, exportTranslator(locale)("errors.pdfBusy", { seconds: error.retryAfterSeconds }));
  }
  if (error instanceof RenderAbortedError) return new Response(null, { status: 499 });
  return null;
}
