// The production server on several processes of one machine (Node's cluster module sharing one port): one Node
// process renders on one core, so `npm start` (scripts/serve.mjs) alone leaves the other cores of a small server idle under load.
// `NODE_ENV=production PORT=3000 WEB_CONCURRENCY=2 node scripts/serve-cluster.mjs` after `next build`
// (WEB_CONCURRENCY defaults to the number of cores). Every process is a full instance of the app: the background
// work is built for several instances (leases and one cron claim, docs/decisions/0011), SQLite needs every process on
// this one host (WAL), PostgreSQL does not.
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderConcurrency } from "./admission.mjs";
import { requestListener } from "./page-server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT || 3000);
const workers = Number(process.env.WEB_CONCURRENCY || os.availableParallelism());

if (cluster.isPrimary) {
  // A bad TRMS_RENDER_CONCURRENCY stops start-up here, once, rather than in every process started again.
  renderConcurrency();
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    console.error(`serve-cluster: process ${worker.process.pid} exited (${code}); starting another`);
    cluster.fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
      setTimeout(() => process.exit(0), 5_000).unref();
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
  console.log(`serve-cluster: ${workers} processes on port ${port}`);
} else {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: root, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // As scripts/serve.mjs: the socket's address, compression and the admission of page renders.
  http.createServer(requestListener(handle)).listen(port);
}
