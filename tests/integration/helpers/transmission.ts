import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { NIGHTLY_TRANSMISSION_ID } from "@/inngest/functions/nightly-college-transmission";
import { runJobNow } from "@/lib/server/jobs/run-job-now";
import { completePdf } from "@/lib/server/uploads/complete-pdf";
import { readStoredFile } from "@/lib/server/uploads/storage";
import { demoPdf } from "@/prisma/seed/files";
import { saveUpload } from "@/lib/server/uploads/save-upload";
import { stageUpload } from "@/lib/server/uploads/stage-upload";
import type { BackgroundRuntime } from "@/lib/inngest/runtime";
import { actorFor } from "./actors";

// The nightly transmission's tests (transmission.test.ts, transmission-crash.test.ts, the e2e helpers' twin): what
// tonight should send, a completed upload to send, a Run Now.

export const PESC_XML = fs.readFileSync(path.resolve("tests/fixtures/pesc/ontario-highschool-transcript.xml"));
export const sha256 = (bytes: Uint8Array | string) => crypto.createHash("sha256").update(bytes).digest("hex");

/** Every (reference number, college code) pair the next night should deliver, from the requests themselves. */
export async function expectedPairs(): Promise<Set<string>> {
  const transcripts = await db.storedTranscript.findMany({
    where: { isCurrent: true, request: { status: "E_TRANSCRIPT_SENT" } },
    select: { request: { select: { referenceNumber: true, destinations: { select: { college: { select: { code: true } } } } } } },
  });
  return new Set(transcripts.flatMap((t) => t.request.destinations.map((d) => `${t.request.referenceNumber}|${d.college.code}`)));
}

/** Runs Nightly College Transmission as an OCAS administrator's Run Now, and waits for every delivery it causes. */
export async function runNightly(background: BackgroundRuntime) {
  const result = await runJobNow({ actor: await actorFor("demo.admin"), functionId: NIGHTLY_TRANSMISSION_ID, waitMs: 30_000 });
  await background.drain({ timeoutMs: 60_000 });
  return result;
}

const used = new Set<string>();

/**
 * Saves an upload (the real PESC file, `xml` when given, or a one-page PDF) as demo.school on a To Do request, or on
 * `referenceNumber`.
 */
export async function saveAnUpload(options: { referenceNumber?: string; pdf?: boolean; xml?: Uint8Array; minColleges?: number } = {}) {
  const school = await actorFor("demo.school");
  const request = options.referenceNumber
    ? await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber: options.referenceNumber } })
    : (
        await db.transcriptRequest.findMany({
          where: { school: { mident: "999999" }, status: "ACTION_REQUIRED", sendOption: "SEND_NOW", id: { notIn: [...used] }, destinations: { some: {} } },
          orderBy: [{ referenceNumber: "desc" }],
          include: { _count: { select: { destinations: true } } },
          take: 100,
        })
      ).find((r) => r._count.destinations >= (options.minColleges ?? 1));
  if (!request) throw new Error(`no To Do request of demo.school left with ${options.minColleges ?? 1} colleges or more`);
  used.add(request.id);
  const bytes = options.pdf ? demoPdf(["Transcript", request.referenceNumber]) : (options.xml ?? PESC_XML);
  const file = { name: options.pdf ? "scan.pdf" : "t.xml", size: bytes.byteLength, arrayBuffer: async () => new Uint8Array(bytes).buffer };
  const staged = await stageUpload({ actor: school, input: { referenceNumber: request.referenceNumber, expectedVersion: request.version }, file });
  if (!staged.ok) throw new Error(`stage failed: ${JSON.stringify(staged)}`);
  const saved = await saveUpload({ actor: school, pendingId: staged.pendingId });
  if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
  return { id: request.id, referenceNumber: request.referenceNumber, fileId: saved.uploadedFileId };
}

/**
 * A To Do request of demo.school completed by an upload (staged, saved, then processed by the background function,
 * or a PDF completed by an OCAS administrator in the PDF queue): E-Transcript Sent with a current transcript.
 * `referenceNumber` re-uploads on that request. Without a runtime, only a PDF can be completed.
 */
export async function completeWithUpload(
  background: BackgroundRuntime | null,
  referenceNumber?: string,
  options: { pdf?: boolean; xml?: Uint8Array; minColleges?: number } = {},
) {
  const saved = await saveAnUpload({ referenceNumber, ...options });
  const request = { id: saved.id };
  if (options.pdf) {
    const { version } = await db.transcriptRequest.findUniqueOrThrow({ where: { id: saved.id } });
    const completed = await completePdf({
      actor: await actorFor("demo.admin"),
      input: { referenceNumber: saved.referenceNumber, fileId: saved.fileId, expectedVersion: version },
    });
    if (!completed.ok) throw new Error(`PDF completion failed: ${completed.reason}`);
  }
  await background?.drain();
  const done = await db.transcriptRequest.findUniqueOrThrow({
    where: { id: request.id },
    select: { id: true, referenceNumber: true, status: true, destinations: { select: { college: { select: { code: true } } } } },
  });
  if (done.status !== "E_TRANSCRIPT_SENT") throw new Error(`${done.referenceNumber} is ${done.status} after its upload`);
  return { id: done.id, referenceNumber: done.referenceNumber, colleges: done.destinations.map((d) => d.college.code).sort() };
}

/** The bytes of a stored transcript as received (Auto-TRMS's file, an upload's file, or the row's text). */
export async function transcriptBytes(transcriptId: string): Promise<Uint8Array> {
  const t = await db.storedTranscript.findUniqueOrThrow({
    where: { id: transcriptId },
    select: { content: true, storedName: true, file: { select: { storedName: true } } },
  });
  if (t.storedName) return readStoredFile(t.storedName);
  if (t.file) return readStoredFile(t.file.storedName);
  return new TextEncoder().encode(t.content!);
}
