import { describe, expect, test } from "vitest";
import { collegeEndpointState } from "@/lib/domain/transmission/endpoint-state";

const working = { active: true, deliveryUrl: "https://college.example.org/trms", hasSecret: true, deliveryDisabledAt: null };

describe("collegeEndpointState", () => {
  test("an active college with a URL and a secret, not turned off, is working", () => {
    expect(collegeEndpointState(working)).toBe("working");
  });

  test("turned off after a 410 comes first, whatever else is missing", () => {
    const at = new Date("2026-12-01T07:00:00Z");
    expect(collegeEndpointState({ ...working, deliveryDisabledAt: at })).toBe("disabled");
    expect(collegeEndpointState({ active: false, deliveryUrl: null, hasSecret: false, deliveryDisabledAt: at })).toBe("disabled");
  });

  test("otherwise what is missing: the college inactive, the URL, the secret", () => {
    expect(collegeEndpointState({ ...working, active: false })).toBe("inactive");
    expect(collegeEndpointState({ ...working, deliveryUrl: null })).toBe("noUrl");
    expect(collegeEndpointState({ ...working, deliveryUrl: "" })).toBe("noUrl");
    expect(collegeEndpointState({ ...working, hasSecret: false })).toBe("noSecret");
    expect(collegeEndpointState({ ...working, deliveryUrl: null, hasSecret: false })).toBe("noUrl");
  });
});
