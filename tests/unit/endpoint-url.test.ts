import { describe, expect, test } from "vitest";
import { ENDPOINT_URL_MESSAGE, endpointUrlRule } from "@/lib/domain/endpoint-url";

const rule = (value: string, production = false) => endpointUrlRule(value, { production, maxLength: 100 });

describe("endpointUrlRule", () => {
  test("HTTPS anywhere is accepted, in and outside production", () => {
    for (const url of ["https://college.example.org/trms", "https://127.0.0.1/receive", "https://college.example.org:8443/a?b=c"]) {
      expect(rule(url), url).toBeNull();
      expect(rule(url, true), url).toBeNull();
    }
  });

  test("plain HTTP only to the machine itself, and only outside production", () => {
    for (const url of ["http://127.0.0.1:4020/receive", "http://localhost:4020/receive", "http://[::1]:4020/receive"]) {
      expect(rule(url), url).toBeNull();
      expect(rule(url, true), url).toBe("https");
    }
    for (const url of ["http://college.example.org/trms", "http://127.0.0.2/receive", "http://localhost.example.org/"]) {
      expect(rule(url), url).toBe("httpsOrLocal");
      expect(rule(url, true), url).toBe("https");
    }
  });

  test("other schemes, incomplete addresses, credentials and long addresses are refused", () => {
    expect(rule("ftp://college.example.org/")).toBe("httpsOrLocal");
    expect(rule("college.example.org/trms")).toBe("invalid");
    expect(rule("")).toBe("invalid");
    expect(rule("https://user:pass@college.example.org/")).toBe("credentials");
    expect(rule("https://user@college.example.org/")).toBe("credentials");
    expect(rule(`https://college.example.org/${"a".repeat(100)}`)).toBe("tooLong");
  });

  test("every problem has its message key suffix", () => {
    expect(ENDPOINT_URL_MESSAGE).toEqual({
      tooLong: "urlTooLong",
      invalid: "urlInvalid",
      credentials: "urlCredentials",
      https: "urlHttps",
      httpsOrLocal: "urlHttpsOrLocal",
    });
  });
});
