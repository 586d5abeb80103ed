import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

// Finding 10 of the attack on the demo (docs/decisions/0020): a production process never talks to an Inngest dev
// server or to an Inngest server unsigned; a TRUSTED_PROXIES that is not a list of addresses stops start-up.

const production = { NODE_ENV: "production", AUTH_SECRET: "a-production-secret-of-at-least-32-characters" };

describe("the production configuration", () => {
  it("refuses INNGEST_DEV", () => {
    expect(() => parseEnv({ ...production, INNGEST_DEV: "1" })).toThrow(/INNGEST_DEV: must not be set in production/);
  });

  it("refuses an Inngest server without a signing key", () => {
    expect(() => parseEnv({ ...production, INNGEST_EVENT_KEY: "key" })).toThrow(/INNGEST_SIGNING_KEY: is required in production/);
    expect(() => parseEnv({ ...production, INNGEST_BASE_URL: "https://inngest.example" })).toThrow(/INNGEST_SIGNING_KEY/);
    expect(parseEnv({ ...production, INNGEST_EVENT_KEY: "key", INNGEST_SIGNING_KEY: "signkey-prod-0123" }).INNGEST_SIGNING_KEY).toBe("signkey-prod-0123");
  });

  it("runs embedded without any Inngest setting, and lets development use a dev server", () => {
    expect(parseEnv(production).INNGEST_DEV).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "development", INNGEST_DEV: "1" }).INNGEST_DEV).toBe("1");
  });

  it("checks TRUSTED_PROXIES", () => {
    expect(parseEnv({ ...production, TRUSTED_PROXIES: "loopback, 10.0.0.0/8, 192.0.2.7" }).TRUSTED_PROXIES).toBe("loopback, 10.0.0.0/8, 192.0.2.7");
    expect(() => parseEnv({ ...production, TRUSTED_PROXIES: "everyone" })).toThrow(/TRUSTED_PROXIES/);
  });
});
