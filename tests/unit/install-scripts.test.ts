import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// npm 11.16+ reads `allowScripts` in package.json and lists, after an install, the dependencies whose install scripts
// no entry covers; npm 12 skips those scripts. better-sqlite3 (its native module) and Prisma (its client and
// engines) do not work without theirs, so a fresh clone's `npm ci` must run them: every package of the lockfile
// with an install script is named, approved or denied, in allowScripts.
const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));

describe("install scripts", () => {
  const allow = (read("package.json").allowScripts ?? {}) as Record<string, boolean>;
  const lock = read("package-lock.json") as { packages: Record<string, { hasInstallScript?: boolean }> };
  const withScripts = Object.entries(lock.packages)
    .filter(([key, entry]) => key !== "" && entry.hasInstallScript)
    .map(([key]) => key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length));

  it("names in allowScripts every locked package that has an install script", () => {
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => !(name in allow))).toEqual([]);
  });

  it("lets the scripts the app cannot run without run", () => {
    for (const name of ["better-sqlite3", "prisma", "@prisma/client", "@prisma/engines"]) expect(allow[name]).toBe(true);
  });

  it("names nothing the lockfile does not install with a script", () => {
    expect(Object.keys(allow).filter((name) => !withScripts.includes(name))).toEqual([]);
  });
});
