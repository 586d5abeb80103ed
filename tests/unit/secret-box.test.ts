import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";

const KEY = "k".repeat(40);

describe("secret box", () => {
  it("opens what it sealed, with a fresh IV each time", () => {
    const a = sealSecret("sis-secret-é", KEY);
    const b = sealSecret("sis-secret-é", KEY);
    expect(a).not.toBe(b);
    expect(a).not.toContain("sis-secret");
    expect(openSecret(a, KEY)).toBe("sis-secret-é");
  });

  it("refuses another key, a tampered value and garbage", () => {
    const sealed = sealSecret("s3cret", KEY);
    expect(openSecret(sealed, "x".repeat(40))).toBeNull();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("other").toString("base64url");
    expect(openSecret(parts.join("."), KEY)).toBeNull();
    expect(openSecret("plain-text", KEY)).toBeNull();
  });
});
