import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressAllowed } from "@/lib/http/outbound-address";
import { postToSis } from "@/lib/sis/call-sis";
import { postBatch } from "@/lib/transmission/post-batch";

// Finding 4 of the attack on the demo (docs/decisions/0020): an address an administrator types (a board's SIS, a
// college's delivery URL, "Test connection") must not reach the machine, the private network or the metadata
// service in production — checked on the address the connection uses, whatever the name resolves to.

const production = { production: true, allowLoopback: false };

describe("the outbound address policy", () => {
  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
    "not an address",
  ])("refuses %s in production", (address) => expect(addressAllowed(address, production)).toBe(false));

  it.each(["8.8.8.8", "151.101.1.69", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows the public %s", (address) =>
    expect(addressAllowed(address, production)).toBe(true),
  );

  it("lets loopback in only when the deployment says so, and nothing private with it", () => {
    const demo = { production: true, allowLoopback: true };
    expect(addressAllowed("127.0.0.1", demo)).toBe(true);
    expect(addressAllowed("::1", demo)).toBe(true);
    expect(addressAllowed("10.0.0.1", demo)).toBe(false);
    expect(addressAllowed("169.254.169.254", demo)).toBe(false);
  });
});

describe("the SIS and college clients", () => {
  let server: http.Server;
  let port = 0;
  let received = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      received += 1;
      req.resume();
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sis = (host: string, policy = production) => postToSis({ url: `http://${host}:${port}/sis`, secret: "s", body: {}, timeoutMs: 2_000, policy });
  const batch = (host: string, policy = production) =>
    postBatch({ url: `http://${host}:${port}/in`, headers: {}, body: () => Readable.from([Buffer.from("<x/>")]), contentLength: 4, timeoutMs: 2_000, policy });

  it("do not connect to a loopback address, by number or by name, in production", async () => {
    const before = received;
    for (const host of ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "127.0.0.1.nip.io.invalid"]) {
      expect(await sis(host)).toMatchObject({ ok: false, failure: "network" });
      expect(await batch(host)).toMatchObject({ ok: false, failure: "network" });
    }
    expect(received).toBe(before);
  });

  it("connect when loopback is allowed (the demo's doubles), and outside production", async () => {
    const before = received;
    expect(await sis("localhost", { production: true, allowLoopback: true })).toMatchObject({ ok: true, status: 200 });
    expect(await batch("127.0.0.1", { production: false, allowLoopback: false })).toMatchObject({ ok: true, status: 200 });
    expect(received).toBe(before + 2);
  });
});
