import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// app/globals.css draws some of lucide's icons as CSS masks (the dashboard's rows and toolbar), and styles the form
// fields by class. These check that each mask is still the lucide icon its comment names, and that an invalid
// control is marked by the stylesheet.

const root = path.resolve(import.meta.dirname, "../..");
const css = fs.readFileSync(path.join(root, "app/globals.css"), "utf8");

type IconNode = [string, Record<string, string>][];

async function lucideNode(name: string): Promise<IconNode> {
  const file = path.join(root, "node_modules/lucide-react/dist/esm/icons", `${name}.mjs`);
  const icon = (await import(pathToFileURL(file).href)) as { __iconData?: { node: [string, Record<string, string | number>][] } };
  if (!icon.__iconData) {
    // An alias: `export { default } from './circle-exclamation-point.mjs'`.
    const target = /from '\.\/([\w-]+)\.mjs'/.exec(fs.readFileSync(file, "utf8"))?.[1];
    if (!target) throw new Error(`no lucide icon ${name}`);
    return lucideNode(target);
  }
  return icon.__iconData.node.map(([tag, attributes]) => [
    tag,
    Object.fromEntries(Object.entries(attributes).flatMap(([k, v]) => (k === "key" ? [] : [[k, String(v)]]))),
  ]);
}

/** The elements of a `url("data:image/svg+xml,…")` mask: its tags and attributes, inside the `<svg>`. */
function maskNode(url: string): IconNode {
  const svg = decodeURIComponent(url);
  const inner = svg.replace(/^<svg[^>]*>/, "").replace(/<\/svg>$/, "");
  return [...inner.matchAll(/<(\w+)((?:\s+[\w-]+='[^']*')*)\s*\/>/g)].map(([, tag, attributes]) => [
    tag!,
    Object.fromEntries([...attributes!.matchAll(/([\w-]+)='([^']*)'/g)].map(([, k, v]) => [k!, v!])),
  ]);
}

const masks = [...css.matchAll(/\/\* lucide ([\w-]+) \*\/\s*([^{]+)\{\s*--icon: url\("data:image\/svg\+xml,([^"]+)"\)/g)].map(([, name, selector, url]) => ({
  name: name!,
  selector: selector!.trim(),
  url: url!,
}));

describe("the stylesheet's icons", () => {
  it("has the masks of the dashboard's rows and toolbar", () => {
    expect(masks.map((m) => m.selector)).toEqual(
      expect.arrayContaining([".ic-download", ".ic-file-text", ".ic-files", ".rq .st-new", ".rq .sla-past", ".rq .sla-reached"]),
    );
  });

  it.each(masks)("draws lucide's $name for $selector", async ({ name, url }) => {
    const svg = decodeURIComponent(url);
    expect(svg).toMatch(/^<svg xmlns='http:\/\/www\.w3\.org\/2000\/svg' viewBox='0 0 24 24' fill='none' stroke='#000' stroke-width='2'/);
    expect(maskNode(url)).toEqual(await lucideNode(name));
  });
});

describe("the stylesheet's form fields", () => {
  it("marks an invalid control red and a valid one grey", () => {
    expect(css).toMatch(/\.control \{[^}]*border: 1px solid var\(--color-gray-300\);/);
    expect(css).toMatch(/\.control\[aria-invalid="true"\] \{\s*border-color: var\(--color-red-600\);/);
  });
});
