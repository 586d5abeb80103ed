// The production server's request listener (scripts/page-server.mjs, scripts/admission.mjs), over real HTTP on
// loopback: page renders a few at a time and in order, everything else at once, the socket's address, compression.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, describe, expect, test } from "vitest";
import { createAdmission, DEFAULT_RENDER_CONCURRENCY, renderConcurrency, rendersPage } from "../../scripts/admission.mjs";
import { requestListener } from "../../scripts/page-server.mjs";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];

async function serve(listener: Handler): Promise<string> {
  const server = http.createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A stand-in for Next's handler: answers each request when the test says so, and records the order it began in. */
function heldHandler() {
  const started: string[] = [];
  const held = new Map<string, http.ServerResponse>();
  let running = 0;
  let most = 0;
  const handle: Handler = (req, res) => {
    running++;
    most = Math.max(most, running);
    started.push(req.url!);
    held.set(req.url!, res);
  };
  const release = (url: string) => {
    running--;
    held.get(url)!.end(`done ${url}`);
  };
  return { handle, started, release, most: () => most };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe("admission of page renders", () => {
  test("at most `limit` pages render at once; the others start in the order they came, as earlier ones finish", async () => {
    const admission = createAdmission(2);
    const { handle, started, release, most } = heldHandler();
    const base = await serve((req, res) => admission.admit(req, res, () => handle(req, res)));
    const pages = ["/en/requests?p=1", "/en/requests?p=2", "/fr/requests?p=3", "/en/requests/REF-1", "/en/reports"];
    const answers: Promise<string>[] = [];
    for (const page of pages) {
      answers.push(fetch(base + page).then((r) => r.text()));
      // One at a time, so that the arrival order is known.
      await until(() => admission.load().running + admission.load().waiting === answers.length);
    }
    expect(started).toEqual(pages.slice(0, 2));
    expect(admission.load()).toEqual({ running: 2, waiting: 3 });
    release(pages[1]!);
    await until(() => started.length === 3);
    expect(started[2]).toBe(pages[2]);
    for (const page of pages.slice(0, 1).concat(pages.slice(2))) {
      await until(() => started.includes(page));
      release(page);
    }
    expect(await Promise.all(answers)).toEqual(pages.map((p) => `done ${p}`));
    expect(most()).toBe(2);
    expect(admission.load()).toEqual({ running: 0, waiting: 0 });
  });

  test("actions, the API, Next's assets and files pass at once while pages wait", async () => {
    const admission = createAdmission(1);
    const { handle, started, release } = heldHandler();
    const base = await serve((req, res) => admission.admit(req, res, () => handle(req, res)));
    const page = fetch(`${base}/en/requests`).then((r) => r.text());
    await until(() => started.length === 1);
    const others = [
      fetch(`${base}/en/requests/REF-1`, { method: "POST", body: "x" }),
      fetch(`${base}/api/v1/exports/requests.csv`),
      fetch(`${base}/_next/static/chunks/app.js`),
      fetch(`${base}/favicon.ico`),
    ];
    await until(() => started.length === 5);
    expect(admission.load()).toEqual({ running: 1, waiting: 0 });
    for (const url of started.slice(1)) release(url);
    await Promise.all(others);
    release("/en/requests");
    expect(await page).toBe("done /en/requests");
  });

  test("a page whose client went away while it waited is never rendered, and does not hold a place", async () => {
    const admission = createAdmission(1);
    const { handle, started, release } = heldHandler();
    const base = await serve((req, res) => admission.admit(req, res, () => handle(req, res)));
    const first = fetch(`${base}/en/first`).then((r) => r.text());
    await until(() => started.length === 1);
    const gone = new AbortController();
    const abandoned = fetch(`${base}/en/abandoned`, { signal: gone.signal }).catch(() => "aborted");
    await until(() => admission.load().waiting === 1);
    const third = fetch(`${base}/en/third`).then((r) => r.text());
    await until(() => admission.load().waiting === 2);
    gone.abort();
    expect(await abandoned).toBe("aborted");
    // The socket's end reaches the server before the first page is released.
    await new Promise((r) => setTimeout(r, 100));
    release("/en/first");
    await until(() => started.length === 2);
    expect(started).toEqual(["/en/first", "/en/third"]);
    release("/en/third");
    expect([await first, await third]).toEqual(["done /en/first", "done /en/third"]);
    expect(admission.load()).toEqual({ running: 0, waiting: 0 });
  });

  test("a page still answering after the slot's time stops counting: the next one starts, and the first still ends", async () => {
    const admission = createAdmission(1, { slotMs: 300 });
    const { handle, started, release } = heldHandler();
    const base = await serve((req, res) => admission.admit(req, res, () => handle(req, res)));
    const stuck = fetch(`${base}/en/stuck`).then((r) => r.text());
    await until(() => started.length === 1);
    const next = fetch(`${base}/en/next`).then((r) => r.text());
    await until(() => admission.load().waiting === 1);
    // Not before the slot's time.
    await new Promise((r) => setTimeout(r, 100));
    expect(started).toEqual(["/en/stuck"]);
    await until(() => started.length === 2);
    expect(admission.load()).toEqual({ running: 1, waiting: 0 });
    release("/en/next");
    expect(await next).toBe("done /en/next");
    // The stuck page's own end, later, is not counted twice.
    release("/en/stuck");
    expect(await stuck).toBe("done /en/stuck");
    expect(admission.load()).toEqual({ running: 0, waiting: 0 });
  });

  test("which requests render a page", () => {
    const req = (method: string, url: string) => ({ method, url }) as http.IncomingMessage;
    expect(rendersPage(req("GET", "/en/requests?tab=todo"))).toBe(true);
    expect(rendersPage(req("HEAD", "/fr/requests/REF-80014538"))).toBe(true);
    expect(rendersPage(req("GET", "/"))).toBe(true);
    expect(rendersPage(req("POST", "/en/requests/REF-80014538"))).toBe(false);
    expect(rendersPage(req("GET", "/api/health"))).toBe(false);
    expect(rendersPage(req("GET", "/api"))).toBe(false);
    expect(rendersPage(req("GET", "/_next/static/chunks/a.js"))).toBe(false);
    expect(rendersPage(req("GET", "/robots.txt"))).toBe(false);
  });

  test("TRMS_RENDER_CONCURRENCY: 4 unless set, 0 for no limit, anything else refused with its name", () => {
    expect(renderConcurrency(undefined)).toBe(DEFAULT_RENDER_CONCURRENCY);
    expect(DEFAULT_RENDER_CONCURRENCY).toBe(4);
    expect(renderConcurrency(" ")).toBe(4);
    expect(renderConcurrency("1")).toBe(1);
    expect(renderConcurrency(" 16 ")).toBe(16);
    expect(renderConcurrency("0")).toBe(Infinity);
    for (const bad of ["-1", "2.5", "many", "257", "1e9"]) expect(() => renderConcurrency(bad), bad).toThrow(/TRMS_RENDER_CONCURRENCY/);
  });
});

describe("the production server's listener", () => {
  test("overwrites the client's x-trms-peer with the socket's address, and gzips what the client accepts", async () => {
    const base = await serve(
      requestListener(async (req: http.IncomingMessage, res: http.ServerResponse) => {
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.end(`<p>${req.headers["x-trms-peer"]}</p>`.padEnd(4000, " "));
      }),
    );
    const { status, headers, body } = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(`${base}/en/requests`, { headers: { "x-trms-peer": "203.0.113.9", "accept-encoding": "gzip" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
    expect(status).toBe(200);
    expect(headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(body).toString().trim()).toBe("<p>127.0.0.1</p>");
  });

  test("a handler that fails answers 500, and the next page still renders", async () => {
    let calls = 0;
    const base = await serve(
      requestListener(async (_req: http.IncomingMessage, res: http.ServerResponse) => {
        if (calls++ === 0) throw new Error("render failed");
        res.end("ok");
      }),
    );
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect((await fetch(`${base}/en/requests`)).status).toBe(500);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(await (await fetch(`${base}/en/requests`)).text()).toBe("ok");
  });
});
