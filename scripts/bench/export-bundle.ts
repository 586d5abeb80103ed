// How suite.ts starts the export process: a bundle of export-child.ts with the exporter modules, run by plain
// node, so that the memory measured is the export's and the app's, not tsx's (its loader thread alone is ~35 MB).
// Falls back to tsx when the bundle cannot be built.
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "@/lib/database-url.mjs";
import { EXPORT_MODULES } from "./export-child";

export type ExportCommand = { command: string; args: string[]; runner: string };

/** `name` keeps the bundle of another script (scripts/bench/csv-quick.ts) apart from the benchmark's. */
export async function exportCommand(csvModule?: string, name = "export"): Promise<ExportCommand> {
  const child = path.join(projectRoot, "scripts/bench/export-child.ts");
  const fallback: ExportCommand = { command: path.join(projectRoot, "node_modules/.bin/tsx"), args: [child], runner: "tsx" };
  try {
    const esbuild = await import("esbuild");
    // Inside the project, so that the bundle's package imports resolve from node_modules (data/ is ignored by git).
    const dir = path.join(projectRoot, "data/bench");
    fs.mkdirSync(dir, { recursive: true });
    const entry = path.join(dir, `.${name}-entry.ts`);
    const outfile = path.join(dir, `.${name}-child.mjs`);
    const modules = {
      csv: path.resolve(projectRoot, csvModule ?? EXPORT_MODULES.csv),
      rows: path.resolve(projectRoot, EXPORT_MODULES.rows),
      detailed: path.resolve(projectRoot, EXPORT_MODULES.detailed),
    };
    const lines = [`import { runAndExit } from ${JSON.stringify(child)};`];
    for (const [key, file] of Object.entries(modules)) {
      lines.push(fs.existsSync(file) ? `import * as ${key} from ${JSON.stringify(file)};` : `const ${key} = undefined;`);
    }
    lines.push(`runAndExit({ csv, rows, detailed });`);
    fs.writeFileSync(entry, `${lines.join("\n")}\n`);
    await esbuild.build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      tsconfig: path.join(projectRoot, "tsconfig.json"),
      logLevel: "silent",
      plugins: [
        {
          // "server-only" throws outside a React Server environment: an empty module here.
          name: "server-only",
          setup(build) {
            build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "bench-empty" }));
            build.onLoad({ filter: /.*/, namespace: "bench-empty" }, () => ({ contents: "export {};", loader: "js" }));
          },
        },
      ],
    });
    return { command: process.execPath, args: [outfile], runner: "node (bundled)" };
  } catch (error) {
    process.stderr.write(
      `  (export process under tsx: the bundle could not be built: ${error instanceof Error ? error.message.split("\n")[0] : String(error)})\n`,
    );
    return fallback;
  }
}
