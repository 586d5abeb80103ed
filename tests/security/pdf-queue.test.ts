import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { createRenderQueue, RenderAbortedError, RenderBusyError } from "@/lib/server/pdf/render-queue";
import { pdfQueueAnswer } from "@/lib/server/pdf/queue-answer";

// Finding 5 of the attack on the demo (docs/decisions/0020): twenty PDFs at once held a core for 12 s. The queue lays
// out one at a time, holds a few, two per user, and drops a client that left.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the PDF queue", () => {
  it("lays out one PDF at a time, in order", async () => {
    const queue = createRenderQueue({ maxWaiting: 10, perKey: 10 });
    let inFlight = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        queue.run(`u${i}`, async () => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await sleep(5);
          order.push(i);
          inFlight -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it("refuses past its bound and past two per user, with a Retry-After", async () => {
    const queue = createRenderQueue({ maxWaiting: 3, perKey: 2 });
    const release: Array<() => void> = [];
    const slow = () => new Promise<void>((resolve) => release.push(resolve));
    const results = Array.from({ length: 20 }, (_, i) =>
      queue.run(`user-${i % 10}`, slow).then(
        () => "done",
        (e: unknown) => e,
      ),
    );
    await sleep(5);
    // One running, three waiting: the other sixteen are told to come back.
    expect(queue.stats()).toEqual({ running: 1, waiting: 3 });
    while (release.length > 0 || queue.stats().running > 0) {
      release.shift()?.();
      await sleep(1);
    }
    const settled = await Promise.all(results);
    expect(settled.filter((r) => r === "done")).toHaveLength(4);
    const busy = settled.filter((r): r is RenderBusyError => r instanceof RenderBusyError);
    expect(busy).toHaveLength(16);
    expect(busy.every((e) => e.retryAfterSeconds >= 1)).toBe(true);

    const one = createRenderQueue({ maxWaiting: 10, perKey: 2 });
    const mine = [one.run("me", slow), one.run("me", slow)];
    await expect(one.run("me", slow)).rejects.toBeInstanceOf(RenderBusyError);
    const someoneElse = one.run("you", async () => "yours");
    release.splice(0).forEach((r) => r());
    await sleep(1);
    release.splice(0).forEach((r) => r());
    await Promise.all(mine);
    await expect(someoneElse).resolves.toBe("yours");
  });

  it("drops a client that went away before its turn, without running its work", async () => {
    const queue = createRenderQueue({ maxWaiting: 10, perKey: 10 });
    let release = () => {};
    const first = queue.run("a", () => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    let ran = false;
    const second = queue.run("b", async () => void (ran = true), controller.signal);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(RenderAbortedError);
    release();
    await first;
    expect(ran).toBe(false);
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it("answers 503 with Retry-After, in the user's language", async () => {
    const answer = pdfQueueAnswer(new RenderBusyError(12), "fr")!;
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe("12");
    expect(await answer.text()).toBe("Trop de PDF sont en préparation en ce moment. Réessayez dans 12 secondes.");
    expect(pdfQueueAnswer(new Error("other"), "en")).toBeNull();
  });
});

describe("PDF layout", () => {
  it("runs off the thread that answers requests: that thread mostly waits while a long report is laid out", { timeout: 120_000 }, async () => {
    const { renderRequestsReport } = await import("@/lib/pdf/requests-report");
    const rows = Array.from({ length: 400 }, (_, i) => [
      `2026-11-${String((i % 28) + 1).padStart(2, "0")}`,
      String(i % 9),
      `REF-${String(10_000_000 + i)}`,
      `Émilie Tremblay ${i}`,
      "Original",
      "2024-06",
      "Send Now",
      "Action Required",
    ]);
    const data = {
      lang: "fr" as const,
      title: "Demandes de relevé de notes / Transcript Requests",
      generatedAt: "Produit le 1 décembre 2026",
      criteriaTitle: "Critères de recherche",
      criteria: [{ label: "Onglet", value: "À traiter" }],
      summary: `${rows.length} demandes`,
      emptyNote: "Aucune demande",
      columns: ["Date", "Âge", "Référence", "Nom", "Type", "Dernière", "Envoi", "État"].map((label) => ({ label, weight: 10 })),
      rows,
      details: rows.map((r) => `Détails : ${r[2]} · courriel@example.org · 613-555-0100 · Collèges : SENE, ALGO`),
      pageLabel: (page: number, pages: number) => `Page ${page} de ${pages}`,
    };
    // How busy this thread is while the report is laid out (event-loop utilisation: 1 is never idle).
    const before = performance.eventLoopUtilization();
    const t0 = performance.now();
    const { pdf, pages } = await renderRequestsReport(data);
    const took = performance.now() - t0;
    const busy = performance.eventLoopUtilization(before).utilization;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages).toBeGreaterThan(20);
    expect(took).toBeGreaterThan(300);
    // Laid out on this thread, it is busy nearly all along (about 0.9); on the worker, it mostly waits.
    expect(busy).toBeLessThan(0.5);
  });
});
