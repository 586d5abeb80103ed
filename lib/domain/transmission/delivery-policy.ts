// How a college's answer to a batch is read (contracts §4, Standard Webhooks delivery practice): 2xx delivered, 410
// the endpoint is gone, anything else (and a timeout or a network error) tried again, 3 attempts in a run, honouring
// Retry-After (429/503), then left for the next run.

export const DELIVERY_ATTEMPTS = 3;
export const DELIVERY_TIMEOUT_MS = 30_000;
/** Waits between attempts in a run when the college does not say: 2 s, then 10 s. */
const BACKOFF_MS = [2_000, 10_000];
/** A Retry-After longer than this is not waited for in the run: the batch is left for the next one. */
export const MAX_RETRY_AFTER_MS = 120_000;

export type DeliveryVerdict = "delivered" | "gone" | "retry";

export function verdictOf(status: number | null): DeliveryVerdict {
  if (status !== null && status >= 200 && status < 300) return "delivered";
  return status === 410 ? "gone" : "retry";
}

/** Milliseconds a Retry-After header asks for (seconds, or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d{1,7}$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** The wait before attempt `attempt + 1` after attempt `attempt` (from 1) failed; null: stop for this run. */
export function waitBeforeNextAttempt(attempt: number, retryAfter: number | null): number | null {
  if (attempt >= DELIVERY_ATTEMPTS) return null;
  if (retryAfter !== null) return retryAfter > MAX_RETRY_AFTER_MS ? null : retryAfter;
  return BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)]!;
}
