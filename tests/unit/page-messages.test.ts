import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { PAGE_ONLY_NAMESPACES, pageClientMessages, sharedClientMessages } from "@/lib/i18n/client-messages";

// The request details and validation pages give their client components the app-wide messages plus "details"
// (app/[locale]/(app)/requests/[reference]/layout.tsx), not the whole catalogue. Every namespace those components
// translate with, and every key their server actions answer with, must be in what they are given.

const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const filesIn = (dir: string) =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => `${dir}/${f}`);

const CLIENT_DIRS = ["components/request-details", "components/upload", "components/ui"];
const ACTION_FILES = ["lib/actions/requests.ts", "lib/actions/uploads.ts", "lib/actions/form.ts", "lib/actions/result.ts"];

/**
 * The first segment of every namespace or key a file translates with on the client (a namespaced translator's
 * namespace; a root translator's keys) or answers with.
 */
function namespacesUsed(source: string): Set<string> {
  const found = new Set<string>();
  for (const m of source.matchAll(/useTranslations\(\s*["'`]([a-zA-Z]+)/g)) found.add(m[1]!);
  if (/useTranslations\(\s*\)/.test(source)) for (const m of source.matchAll(/\bt\(\s*["'`]([a-zA-Z]+)\./g)) found.add(m[1]!);
  for (const m of source.matchAll(/messageKey:\s*["'`]([a-zA-Z]+)\./g)) found.add(m[1]!);
  return found;
}

describe("the app-wide client messages", () => {
  // The dashboard, its upload window and the header use them alone (no PageMessages), as do the actions they call.
  const DIRS = ["components/requests", "components/upload", "components/ui", "components/layout"];
  const ACTIONS = ["lib/actions/uploads.ts", "lib/actions/form.ts", "lib/actions/pipeline.ts"];
  // Of lib/actions/requests.ts, the one action the rows call (the others are the details page's).
  const rowAction = () =>
    read("lib/actions/requests.ts")
      .split(/^export /m)
      .find((part) => part.startsWith("const applyNoUploadAction"))!;
  for (const [locale, messages] of [
    ["en", en],
    ["fr", fr],
  ] as const) {
    it(`hold every namespace the dashboard's client components and actions use (${locale})`, () => {
      const clientFiles = DIRS.flatMap(filesIn).filter((f) => read(f).includes('"use client"'));
      const used = new Set<string>();
      for (const source of [...[...clientFiles, ...ACTIONS].map(read), rowAction()]) for (const ns of namespacesUsed(source)) used.add(ns);
      for (const ns of ["search", "statuses", "upload", "pesc", "respond", "dashboard", "nav"]) expect(used).toContain(ns);
      const shared = Object.keys(sharedClientMessages(messages));
      for (const ns of used) expect(shared, ns).toContain(ns);
    });
  }
});

describe("the request details pages' client messages", () => {
  for (const [locale, messages] of [
    ["en", en],
    ["fr", fr],
  ] as const) {
    const given = pageClientMessages(messages, ["details"]);

    it(`hold every namespace their components and actions use (${locale})`, () => {
      const clientFiles = CLIENT_DIRS.flatMap(filesIn).filter((f) => read(f).includes('"use client"'));
      expect(clientFiles.length).toBeGreaterThan(5);
      const used = new Set<string>();
      for (const file of [...clientFiles, ...ACTION_FILES]) for (const ns of namespacesUsed(read(file))) used.add(ns);
      expect(used).toContain("details");
      expect(used).toContain("upload");
      for (const ns of used) expect(Object.keys(given), ns).toContain(ns);
    });

    it(`leave out the other page-only namespaces (${locale})`, () => {
      expect(Object.keys(given)).toContain("details");
      for (const ns of PAGE_ONLY_NAMESPACES.filter((n) => n !== "details" && n !== "auth")) expect(Object.keys(given)).not.toContain(ns);
      expect(JSON.stringify(given).length).toBeLessThan(JSON.stringify(messages).length / 2);
      expect(Object.keys(sharedClientMessages(messages)).length + 1).toBe(Object.keys(given).length);
    });

    it(`give every page the session-ended answer of an action, and the sign-in pages all of "auth" (${locale})`, () => {
      expect(sharedClientMessages(messages).auth).toEqual({ sessionExpired: messages.auth.sessionExpired });
      expect(pageClientMessages(messages, ["auth"]).auth).toEqual(messages.auth);
      // What every action may answer with (lib/actions/pipeline.ts) is in every page's messages.
      const pipelineAuthKeys = [...read("lib/actions/pipeline.ts").matchAll(/messageKey:\s*"auth\.([a-zA-Z]+)"/g)].map((m) => m[1]!);
      expect(pipelineAuthKeys).toContain("sessionExpired");
      for (const key of pipelineAuthKeys) expect(Object.keys(sharedClientMessages(messages).auth ?? {})).toContain(key);
    });
  }
});
