import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhook, TOLERANCE_SECONDS, verifyWebhook, webhookKey } from "@/lib/domain/transmission/signature";
import { signedHeaders, verify as doubleVerify } from "@/tests/doubles/college-server.mjs";

// Standard Webhooks signatures (contracts §4) over raw bytes, checked against the specification's own example and
// against the college test double (an independent implementation).

// The example of the Standard Webhooks specification (standard-webhooks/spec, "Verifying webhook authenticity").
const SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const SPEC_TS = 1614265330;
const SPEC_BODY = '{"test": 2432232314}';
const SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

describe("webhook signatures", () => {
  it("matches the specification's example", () => {
    const key = webhookKey(SPEC_SECRET)!;
    expect(signWebhook(key, SPEC_ID, SPEC_TS, SPEC_BODY)).toBe(SPEC_SIGNATURE);
    expect(verifyWebhook(key, { id: SPEC_ID, timestamp: String(SPEC_TS), signature: SPEC_SIGNATURE }, SPEC_BODY, SPEC_TS)).toEqual({ ok: true });
  });

  it("generates whsec_ secrets of 32 random bytes, different each time", () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(webhookKey(a)!.length).toBe(32);
  });

  it("refuses what is not a whsec_ secret of 24 to 64 bytes", () => {
    expect(webhookKey("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBeNull();
    expect(webhookKey("whsec_" + Buffer.alloc(16).toString("base64"))).toBeNull();
    expect(webhookKey("whsec_" + Buffer.alloc(65).toString("base64"))).toBeNull();
    expect(webhookKey("whsec_not base64!")).toBeNull();
  });

  it("signs bytes, not text: an XML body with a byte-order mark or accents verifies as sent", () => {
    const secret = generateWebhookSecret();
    const key = webhookKey(secret)!;
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("<Batch>Émilie Tremblay</Batch>", "utf8")]);
    const signature = signWebhook(key, "TRMS-SENE-2026-12-01-001", 1_700_000_000, body);
    expect(doubleVerify(secret, "TRMS-SENE-2026-12-01-001", "1700000000", signature, body, 1_700_000_000)).toBe("ok");
    const headers = signedHeaders(secret, "TRMS-SENE-2026-12-01-001", body, 1_700_000_000);
    expect(headers["webhook-signature"]).toBe(signature);
    // One byte changed, one character of the id or the timestamp: refused.
    const changed = Buffer.from(body);
    changed[5] = changed[5]! ^ 1;
    const at = { id: "TRMS-SENE-2026-12-01-001", timestamp: "1700000000", signature };
    expect(verifyWebhook(key, at, changed, 1_700_000_000)).toEqual({ ok: false, reason: "badSignature" });
    expect(verifyWebhook(key, { ...at, id: "TRMS-SENE-2026-12-01-002" }, body, 1_700_000_000)).toEqual({ ok: false, reason: "badSignature" });
    expect(verifyWebhook(key, { ...at, timestamp: "1700000001" }, body, 1_700_000_000)).toEqual({ ok: false, reason: "badSignature" });
  });

  it("accepts any of several signatures (a secret being rotated) and ignores other versions", () => {
    const key = webhookKey(generateWebhookSecret())!;
    const good = signWebhook(key, "id", 100, "x");
    const other = signWebhook(webhookKey(generateWebhookSecret())!, "id", 100, "x");
    expect(verifyWebhook(key, { id: "id", timestamp: "100", signature: `${other} ${good}` }, "x", 100)).toEqual({ ok: true });
    expect(verifyWebhook(key, { id: "id", timestamp: "100", signature: `v2,${good.slice(3)}` }, "x", 100)).toEqual({ ok: false, reason: "badSignature" });
    expect(verifyWebhook(key, { id: "id", timestamp: "100", signature: "v1,AAAA" }, "x", 100)).toEqual({ ok: false, reason: "badSignature" });
  });

  it("refuses a timestamp more than 5 minutes off either way, and missing headers", () => {
    const key = webhookKey(generateWebhookSecret())!;
    const at = (ts: number) => ({ id: "id", timestamp: String(ts), signature: signWebhook(key, "id", ts, "x") });
    const now = 1_800_000_000;
    expect(verifyWebhook(key, at(now - TOLERANCE_SECONDS), "x", now)).toEqual({ ok: true });
    expect(verifyWebhook(key, at(now + TOLERANCE_SECONDS), "x", now)).toEqual({ ok: true });
    expect(verifyWebhook(key, at(now - TOLERANCE_SECONDS - 1), "x", now)).toEqual({ ok: false, reason: "stale" });
    expect(verifyWebhook(key, at(now + TOLERANCE_SECONDS + 1), "x", now)).toEqual({ ok: false, reason: "stale" });
    expect(verifyWebhook(key, { ...at(now), timestamp: "17e8" }, "x", now)).toEqual({ ok: false, reason: "badTimestamp" });
    expect(verifyWebhook(key, { ...at(now), signature: null }, "x", now)).toEqual({ ok: false, reason: "missingHeaders" });
    expect(verifyWebhook(key, { ...at(now), id: "" }, "x", now)).toEqual({ ok: false, reason: "missingHeaders" });
  });
});
