// The production server (`npm start`): Next's request handler behind Node's HTTP server, so that the app knows the
// address of the socket each request came from. `next start` keeps an X-Forwarded-For sent by the client and drops
// the socket's address, so a client could choose the address the sign-in throttle counts (docs/decisions/0020).
// Here every request carries the socket's address in `x-trms-peer` (overwriting anything the client sent); the app
// trusts X-Forwarded-For hops only from TRUSTED_PROXIES (lib/auth/client-address.ts). The listener, with its
// compression and the admission of page renders, is scripts/page-server.mjs.
// Usage: node scripts/serve.mjs [-p port] [-H hostname]   (PORT and HOSTNAME work too)
import http from "node:http";
import next from "next";
import { renderConcurrency } from "./admission.mjs";
import { requestListener } from "./page-server.mjs";

const args = process.argv.slice(2);
const option = (short, long) => {
  const i = args.findIndex((a) => a === short || a === long);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(option("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = option("-H", "--hostname") ?? process.env.HOSTNAME ?? "0.0.0.0";

// A bad TRMS_RENDER_CONCURRENCY stops start-up here, before Next loads.
renderConcurrency();
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer(requestListener(handle));
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`TRMS listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
