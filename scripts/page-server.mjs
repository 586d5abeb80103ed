// The request listener of the production server's processes (scripts/serve.mjs, scripts/serve-cluster.mjs), around
// Next's request handler:
// - the socket's address in `x-trms-peer`, overwriting anything the client sent (docs/decisions/0020): the sign-in
//   throttle counts it, and trusts X-Forwarded-For only from TRUSTED_PROXIES (lib/auth/client-address.ts);
// - gzip at level 1 rather than Next's built-in level 6 (next.config.ts turns that off): a 110 kB dashboard page
//   compresses in about 0.5 ms instead of 1.2 ms (3-4 % of a page's cost under load) into 22 kB instead of
//   19 kB (docs/decisions/0021);
// - page renders a few at a time, in order (scripts/admission.mjs).
import compression from "compression";
import { createAdmission, renderConcurrency } from "./admission.mjs";

export const PEER_HEADER = "x-trms-peer";
export const COMPRESSION_LEVEL = 1;

/** `(req, res) => …` for http.createServer; a bad TRMS_RENDER_CONCURRENCY throws here, at start-up. */
export function requestListener(handle) {
  const admission = createAdmission(renderConcurrency());
  const compress = compression({ level: COMPRESSION_LEVEL });
  return (req, res) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
    compress(req, res, () =>
      admission.admit(req, res, () =>
        handle(req, res).catch((error) => {
          console.error("[serve]", error);
          if (!res.headersSent) res.statusCode = 500;
          res.end();
        }),
      ),
    );
  };
}
