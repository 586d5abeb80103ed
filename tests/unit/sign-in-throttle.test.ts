import { describe, expect, test } from "vitest";
import { ACCOUNT_POLICY, afterFailure, verdict, type ThrottleState } from "@/lib/domain/sign-in-throttle";

const t0 = new Date("2026-03-02T14:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

function fail(times: number, start: ThrottleState | null = null, now = t0) {
  let state = start;
  for (let i = 0; i < times; i++) state = afterFailure(state, now, ACCOUNT_POLICY);
  return state!;
}

describe("sign-in throttling", () => {
  test("a first mistake costs nothing", () => {
    expect(verdict(fail(1), t0, ACCOUNT_POLICY)).toEqual({ kind: "allow", delayMs: 0 });
  });
  test("repeated failures are slowed, then blocked", () => {
    expect(verdict(fail(3), t0, ACCOUNT_POLICY)).toEqual({ kind: "allow", delayMs: 1000 });
    expect(verdict(fail(5), t0, ACCOUNT_POLICY)).toEqual({ kind: "blocked", retryAfterMs: 60_000 });
  });
  test("the block lifts by itself and doubles on the next failure", () => {
    const blocked = fail(5);
    expect(verdict(blocked, at(60_001), ACCOUNT_POLICY).kind).toBe("allow");
    const again = afterFailure(blocked, at(60_001), ACCOUNT_POLICY);
    expect(verdict(again, at(60_001), ACCOUNT_POLICY)).toEqual({ kind: "blocked", retryAfterMs: 120_000 });
  });
  test("blocks never exceed the maximum", () => {
    const many = fail(30);
    const v = verdict(many, t0, ACCOUNT_POLICY);
    expect(v).toEqual({ kind: "blocked", retryAfterMs: ACCOUNT_POLICY.maxBlockMs });
  });
  test("a quiet window forgets earlier failures", () => {
    const state = fail(4);
    const later = at(ACCOUNT_POLICY.windowMs + 1);
    expect(verdict(state, later, ACCOUNT_POLICY)).toEqual({ kind: "allow", delayMs: 0 });
    expect(afterFailure(state, later, ACCOUNT_POLICY).failures).toBe(1);
  });
});
