import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToBuffer } from "@react-pdf/renderer";

// Every PDF the app lays out goes through here (docs/decisions/0020): the document's components are flattened on this
// thread into a tree of react-pdf primitives (plain data: a type name, props and children), and the layout runs on
// one worker thread (lib/pdf/pdf-worker.mjs), so a long report never holds the thread that answers requests. The
// queue in front (lib/server/pdf/render-queue.ts) lays out one PDF at a time, so one worker is enough. Should the
// worker not start (its file missing), the layout runs here as before.

const PAGE = "__trmsPageLabel";
// Page-number placeholders: small numbers, which no locale groups ("1 234" in French would not be found again).
const PAGE_SENTINEL = 977;
const PAGES_SENTINEL = 983;

type Node = string | number | { type: string; props: Record<string, unknown>; children: Node[] };

/** The element with every function component called, down to react-pdf's primitives (their types are strings). */
export function flatten(node: ReactNode): Node[] {
  if (node === null || node === undefined || typeof node === "boolean") return [];
  if (typeof node === "string" || typeof node === "number") return [node];
  if (Array.isArray(node)) return node.flatMap((n) => flatten(n as ReactNode));
  if (!isValidElement(node)) throw new Error("a PDF document holds only elements, text and numbers");
  const element = node as ReactElement<Record<string, unknown>>;
  const { children, ...props } = element.props;
  if (typeof element.type === "function") return flatten((element.type as (p: unknown) => ReactNode)(element.props));
  if (typeof element.type === "symbol") return flatten(children as ReactNode); // a Fragment
  if (typeof element.type !== "string") throw new Error("a PDF document holds only function components and react-pdf primitives");
  const plain: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k === "render" && typeof v === "function") {
      // The one function prop the documents use: a page label, as a template with its two numbers to fill in.
      const template = String((v as (a: { pageNumber: number; totalPages: number }) => unknown)({ pageNumber: PAGE_SENTINEL, totalPages: PAGES_SENTINEL }));
      plain[PAGE] = { template, page: String(PAGE_SENTINEL), pages: String(PAGES_SENTINEL) };
    } else if (typeof v === "function") {
      throw new Error(`a PDF primitive's prop "${k}" is a function: it cannot be laid out off the thread`);
    } else plain[k] = v;
  }
  return [{ type: element.type, props: plain, children: flatten(children as ReactNode) }];
}

let worker: Worker | null = null;
let broken = false;
let next = 0;
const waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

function pdfWorker(): Worker | null {
  if (broken) return null;
  if (worker) return worker;
  try {
    const w = new Worker(path.join(process.cwd(), "lib/pdf/pdf-worker.mjs"));
    w.unref();
    w.on("message", (m: { id: number; pdf?: Uint8Array; error?: string }) => {
      const job = waiting.get(m.id);
      if (!job) return;
      waiting.delete(m.id);
      if (m.pdf) job.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
      else job.reject(new Error(`PDF layout failed: ${m.error}`));
    });
    const fail = (error: Error) => {
      worker = null;
      for (const job of waiting.values()) job.reject(error);
      waiting.clear();
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`the PDF worker stopped (${code})`)));
    worker = w;
    return w;
  } catch (error) {
    broken = true;
    console.warn(`[pdf] no worker thread, laying out in the process: ${String(error)}`);
    return null;
  }
}

/** The PDF bytes of a react-pdf document, laid out on the worker thread. */
export async function renderPdf(document: ReactElement): Promise<Buffer> {
  const [tree] = flatten(document);
  const w = pdfWorker();
  if (!w || !tree) return renderToBuffer(document as Parameters<typeof renderToBuffer>[0]);
  const id = ++next;
  return new Promise<Buffer>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, tree });
  });
}
