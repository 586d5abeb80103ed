import { cron, Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { checkSupported, concurrencyKeyOf, concurrencyOf, listensTo, maxAttemptsOf, routesFor, UnsupportedFunctionError } from "@/lib/inngest/functions-info";

// What the embedded runtime reads from a function's options, and what it refuses to run (ADR 0011).

const client = new Inngest({ id: "functions-info-test" });
const noop = async () => "ok";

describe("functions-info", () => {
  it("reads retries, triggers with wildcards, and concurrency per event.data key", () => {
    const fn = client.createFunction(
      { id: "keyed", retries: 2, concurrency: { limit: 3, key: "event.data.board.id" }, triggers: [{ event: "a/b" }, { event: "c/*" }] },
      noop,
    );
    expect(maxAttemptsOf(fn)).toBe(3);
    expect(listensTo(fn, "a/b") && listensTo(fn, "c/anything") && !listensTo(fn, "a/c")).toBe(true);
    expect(concurrencyOf(fn)).toEqual({ limit: 3, keyPath: ["board", "id"] });
    expect(concurrencyKeyOf(fn, { board: { id: "B1" } })).toBe("keyed:B1");
    expect(concurrencyKeyOf(fn, {})).toBe("keyed:null");
    const plain = client.createFunction({ id: "plain", triggers: [cron("* * * * *")] }, noop);
    expect(maxAttemptsOf(plain)).toBe(4);
    expect(concurrencyOf(plain)).toBeNull();
    expect(concurrencyKeyOf(plain, {})).toBeNull();
    const limited = client.createFunction({ id: "limited", concurrency: 2, triggers: [{ event: "x/y" }] }, noop);
    expect(concurrencyKeyOf(limited, { any: 1 })).toBe("limited:");
  });

  it("routes an event to the functions that listen to it", () => {
    const a = client.createFunction({ id: "route-a", triggers: [{ event: "r/one" }] }, noop);
    const b = client.createFunction({ id: "route-b", retries: 0, triggers: [{ event: "r/*" }] }, noop);
    const routes = routesFor([a, b]);
    expect(routes("r/one").map((r) => [r.functionId, r.maxAttempts])).toEqual([
      ["route-a", 4],
      ["route-b", 1],
    ]);
    expect(routes("r/two").map((r) => r.functionId)).toEqual(["route-b"]);
    expect(routes("other")).toEqual([]);
  });

  it("refuses a function that asks for what the embedded runner does not model", () => {
    const cases = [
      client.createFunction({ id: "debounced", debounce: { period: "5s" }, triggers: [{ event: "x/y" }] }, noop),
      client.createFunction({ id: "two-rules", concurrency: [{ limit: 1 }, { limit: 2, key: "event.data.a" }], triggers: [{ event: "x/y" }] }, noop),
      client.createFunction({ id: "cel-key", concurrency: { limit: 1, key: "event.data.a + event.data.b" }, triggers: [{ event: "x/y" }] }, noop),
      client.createFunction({ id: "account-scope", concurrency: { limit: 1, scope: "account", key: "event.data.a" }, triggers: [{ event: "x/y" }] }, noop),
      client.createFunction({ id: "conditional", triggers: [{ event: "x/y", if: "event.data.a == 1" }] }, noop),
      client.createFunction({ id: "bad-cron", triggers: [cron("not a cron")] }, noop),
    ];
    for (const fn of cases) expect(() => checkSupported(fn), fn.id()).toThrow();
    expect(() => checkSupported(cases[0]!)).toThrow(UnsupportedFunctionError);
  });
});
