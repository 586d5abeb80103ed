// The thread that lays out PDFs (docs/decisions/0020): the app's documents arrive as a tree of react-pdf primitives
// (lib/pdf/render-pdf.ts flattens the components on the calling thread, which is cheap), and the layout — the
// CPU-bound part, seconds for a long report — runs here, off the thread that answers requests.
import { parentPort } from "node:worker_threads";
import { createElement } from "react";
import { Font, renderToBuffer } from "@react-pdf/renderer";

// As lib/pdf/summary-report.tsx: whole words, never hyphenated.
Font.registerHyphenationCallback((word) => [word]);

const PAGE = "__trmsPageLabel";

/** A serialised node back into a React element of react-pdf primitives. */
function build(node, key) {
  if (node === null || typeof node !== "object") return node;
  const { type, props, children } = node;
  const p = { ...props };
  if (key !== undefined) p.key = key;
  if (p[PAGE]) {
    // A page-number label: the text laid out with this page's number and the page count.
    const { template, page, pages } = p[PAGE];
    delete p[PAGE];
    p.render = ({ pageNumber, totalPages }) => template.split(page).join(String(pageNumber)).split(pages).join(String(totalPages));
  }
  return createElement(type, p, ...children.map((c, i) => build(c, typeof c === "object" && c !== null ? i : undefined)));
}

parentPort.on("message", async ({ id, tree }) => {
  try {
    const pdf = await renderToBuffer(build(tree));
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    parentPort.postMessage({ id, pdf: bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
