import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Scope at the door, for every server action and every route handler the app has now or gets later
// (docs/decisions/0020): each one is found by listing the files, then called directly, as a replayed request would —
// signed out, and as a school user reaching for the administration. Nothing answers 2xx or 5xx to either.

vi.hoisted(() => {
  // With an intake key configured, as in production: the intake API then answers a caller without it 401.
  process.env.INTAKE_API_KEY = "test-intake-key-every-route";
});
vi.mock("@/lib/auth/auth", () => import("../integration/helpers/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => {
  const jar = new Map<string, string>();
  return {
    headers: async () => new Headers({ "x-trms-peer": "198.51.100.50" }),
    cookies: async () => ({
      get: (n: string) => (jar.has(n) ? { name: n, value: jar.get(n) } : undefined),
      set: (n: string, v: string) => jar.set(n, v),
      delete: (n: string) => jar.delete(n),
    }),
  };
});

import { initialActionResult } from "@/lib/actions/result";
import { actorFor } from "../integration/helpers/actors";
import { seedDemo } from "../integration/helpers/seeded";
import { signInAs } from "../integration/helpers/session";

type AnyAction = (...args: unknown[]) => Promise<{ ok?: boolean; messageKey?: string } | undefined>;
const actionModules = import.meta.glob<Record<string, unknown>>("../../lib/actions/*.ts", { eager: true });
const routeModules = import.meta.glob<Record<string, unknown>>("../../app/api/**/route.ts", { eager: true });

/** The actions anyone may call: signing in and what leads there. */
const PUBLIC_ACTIONS = new Set(["loginAction", "logoutAction", "forgotAction", "resetAction"]);
/** Routes that are public by contract, and what they answer a caller without credentials. */
const PUBLIC_ROUTES: Record<string, number[]> = {
  "app/api/health/route.ts GET": [200, 503],
  "app/api/v1/openapi.json/route.ts GET": [200],
  "app/api/language/route.ts GET": [303],
  "app/api/language/route.ts POST": [303, 403],
};
/** Next-auth's and Inngest's own handlers: not the app's to test here. */
const SKIPPED_ROUTES = new Set(["app/api/auth/[...nextauth]/route.ts", "app/api/inngest/route.ts"]);

/** The pipeline's own factories are not actions. */
const NOT_ACTIONS = /\/(pipeline|result|form)\.ts$/;
const actions = Object.entries(actionModules)
  .filter(([file]) => !NOT_ACTIONS.test(file))
  .flatMap(([file, mod]) =>
    Object.entries(mod)
      .filter(([name, value]) => typeof value === "function" && /Action$/.test(name))
      .map(([name, value]) => ({ file: file.replace("../../", ""), name, fn: value as AnyAction })),
  );

const routes = Object.entries(routeModules).flatMap(([file, mod]) => {
  const path = file.replace("../../", "");
  if (SKIPPED_ROUTES.has(path)) return [];
  return (["GET", "POST", "PUT", "PATCH", "DELETE"] as const)
    .filter((method) => typeof mod[method] === "function")
    .map((method) => ({ path, method, handler: mod[method] as (request: NextRequest, context: unknown) => Promise<Response> }));
});

const emptyForm = () => {
  const form = new FormData();
  form.set("locale", "en");
  return form;
};

function callAction(fn: AnyAction) {
  return fn.length >= 2 ? fn(initialActionResult, emptyForm()) : fn(emptyForm());
}

function urlOf(path: string): string {
  return `http://localhost:3000/${path
    .replace(/^app\//, "")
    .replace(/\/route\.ts$/, "")
    .replace(/\[\.\.\.[^\]]+\]/g, "x")
    .replace(/\[[^\]]+\]/g, "REF-45454545")}`;
}

async function callRoute(route: (typeof routes)[number]) {
  const params = Promise.resolve({ id: "x", batchId: "TRMS-SENE-2026-01-01-001", reference: "REF-45454545", requestNumber: "1", code: "SENE" });
  const init =
    route.method === "GET" ? {} : { body: "{}", headers: { "content-type": "application/json", origin: "http://localhost:3000", host: "localhost:3000" } };
  return route.handler(new NextRequest(urlOf(route.path), { method: route.method, ...init }), { params });
}

beforeAll(async () => {
  await seedDemo();
});

describe("every server action", () => {
  it("is found", () => {
    expect(actions.length).toBeGreaterThanOrEqual(20);
  });

  it.each(actions.filter((a) => !PUBLIC_ACTIONS.has(a.name)).map((a) => [`${a.file} ${a.name}`, a] as const))(
    "%s answers a signed-out caller that the session has ended, and does nothing",
    async (_label, action) => {
      signInAs(null);
      expect(await callAction(action.fn)).toMatchObject({ ok: false, messageKey: "auth.sessionExpired" });
    },
  );
});

describe("every route handler", () => {
  it("is found", () => {
    expect(routes.length).toBeGreaterThanOrEqual(12);
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s refuses a caller without credentials", async (_label, route) => {
    signInAs(null);
    const response = await callRoute(route);
    const allowed = PUBLIC_ROUTES[`${route.path} ${route.method}`];
    if (allowed) expect(allowed).toContain(response.status);
    else expect([400, 401, 403, 404, 405]).toContain(response.status);
  });

  it.each(routes.filter((r) => r.path.includes("/admin/")).map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s is not found for a school user",
    async (_label, route) => {
      signInAs(await actorFor("demo.school"));
      expect([403, 404]).toContain((await callRoute(route)).status);
    },
  );
});
