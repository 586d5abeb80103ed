// Admission of page renders in one server process (scripts/serve.mjs, scripts/serve-cluster.mjs): at most
// TRMS_RENDER_CONCURRENCY pages render at once; the others wait their turn, first come first served.
//
// Why (docs/decisions/0021): Node interleaves every request it has accepted. Under load, 100 pages accepted at once
// all progress together and all finish together, about 100 page-times later; their users then think at the same
// moment and the process sits idle, then gets the next 100 at once. Measured with "100 users" (1 s think time), one
// process was busy two thirds of the time while every page took over a second. Rendering a few at a time, in order,
// finishes most pages in a few page-times, spreads the next requests out, and keeps the process busy while anyone
// waits. A few rather than one: a page waits on its database reads (PostgreSQL), and another renders meanwhile.
//
// Only renders are queued: GET and HEAD of a page (its HTML or its RSC payload). Server actions (POST, uploads
// among them), the API (exports that stream for seconds, the intake API, health) and static files pass at once.

export const DEFAULT_RENDER_CONCURRENCY = 4;
/**
 * A page still answering after this long stops counting (it goes on; the next one starts): a render stuck on a lock
 * or a slow client must not hold the process's pages behind it. A page renders in tens of milliseconds.
 */
export const SLOT_MS = 10_000;

/** TRMS_RENDER_CONCURRENCY: an integer from 1 to 256 (default 4), or 0 for no limit; anything else stops start-up. */
export function renderConcurrency(value = process.env.TRMS_RENDER_CONCURRENCY) {
  if (value === undefined || value.trim() === "") return DEFAULT_RENDER_CONCURRENCY;
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 0 || n > 256) {
    throw new Error(`TRMS_RENDER_CONCURRENCY must be an integer from 0 (no limit) to 256, not "${value}"`);
  }
  return n === 0 ? Infinity : n;
}

/** Whether a request renders a page (queued) rather than run an action, an API route or serve a file. */
export function rendersPage(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const path = (req.url ?? "/").split("?", 1)[0];
  if (path.startsWith("/_next/") || path === "/api" || path.startsWith("/api/")) return false;
  // A file of public/ (favicon.ico, robots.txt): no page has a dot in its last segment.
  return !/\.[A-Za-z0-9]+$/.test(path);
}

/**
 * `admit(req, res, run)` calls `run()` now, or once fewer than `limit` admitted pages are still answering. A page
 * stops counting when its response closes (sent, or the client went away) or after `slotMs`; a request whose client
 * went away while it waited is dropped unrun.
 */
export function createAdmission(limit, { slotMs = SLOT_MS } = {}) {
  let running = 0;
  const waiting = [];
  const gone = ({ req, res }) => res.destroyed || res.writableEnded || req.socket?.destroyed === true;
  const start = (job) => {
    running++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      running--;
      while (running < limit && waiting.length > 0) {
        const next = waiting.shift();
        if (!gone(next)) start(next);
      }
    };
    const timer = setTimeout(release, slotMs);
    timer.unref();
    job.res.once("close", release);
    job.run();
  };
  return {
    admit(req, res, run) {
      if (!rendersPage(req)) run();
      else if (running < limit && waiting.length === 0) start({ req, res, run });
      else waiting.push({ req, res, run });
    },
    /** Pages rendering and pages waiting (tests). */
    load: () => ({ running, waiting: waiting.length }),
  };
}
