// Bulk upload (product §4, issue 7): several generated PESC files checked for a school user — clean match by
// RequestTrackingID and by OEN + name + date of birth, a difference, no match, another school's request, several
// requests of one person, a request that takes no upload, bad and PDF files — then "Save all clean matches" through
// saveUpload and the processing function, with stale and foreign pending uploads refused. PESC batch files (issue 16)
// are split into their transcripts, each matched, staged, saved and stored on its own.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkBulkFile, type BulkFileResult } from "@/lib/server/uploads/bulk-check-file";
import { cancelBulkUploads } from "@/lib/server/uploads/bulk-cancel-uploads";
import { saveBulkUploads } from "@/lib/server/uploads/bulk-save-uploads";
import { MAX_UPLOAD_BYTES, type UploadedBlob } from "@/lib/server/uploads/stage-upload";
import { readStoredFile, sha256Hex } from "@/lib/server/uploads/storage";
import { parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import { buildPescBatch, buildPescTranscript, encodeUtf16 } from "@/prisma/seed/pesc-template.mjs";
import { actorFor } from "./helpers/actors";
import { testRuntime } from "./helpers/background";
import { seedDemo } from "./helpers/seeded";

const background = testRuntime();

type Actor = Awaited<ReturnType<typeof actorFor>>;
let school: Actor;
let board: Actor;
let otherBoard: Actor;

const PESC_REFERENCE = "REF-45454545";

function blob(text: string | Uint8Array, name = "transcript.xml"): UploadedBlob {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return { name, size: bytes.byteLength, arrayBuffer: async () => bytes.slice().buffer };
}

type OpenRequest = Awaited<ReturnType<typeof openRequests>>[number];

/** Open, due requests of a school whose applicant has no other request, so that only one request fits each person. */
async function openRequests(mident: string) {
  const rows = await db.transcriptRequest.findMany({
    where: { school: { mident }, status: "ACTION_REQUIRED", sendOption: "SEND_NOW", referenceNumber: { not: PESC_REFERENCE }, oen: { not: null } },
    orderBy: { referenceNumber: "asc" },
    select: {
      id: true,
      referenceNumber: true,
      firstName: true,
      lastName: true,
      oen: true,
      school: { select: { nameEn: true, mident: true } },
      applicant: { select: { dateOfBirth: true, gender: true, _count: { select: { requests: true } } } },
    },
  });
  return rows.filter((r) => r.applicant._count.requests === 1);
}

const used = new Set<string>();
async function take(mident: string): Promise<OpenRequest> {
  const request = (await openRequests(mident)).find((r) => !used.has(r.referenceNumber));
  if (!request) throw new Error(`no open request left at ${mident}`);
  used.add(request.referenceNumber);
  return request;
}

/** The transcript of a request as its school's system would write it; `change` alters the file's identity. */
function transcriptOf(request: OpenRequest, change: Partial<Parameters<typeof buildPescTranscript>[0]> = {}, options: { tracking?: boolean } = {}) {
  const xml = buildPescTranscript({
    referenceNumber: request.referenceNumber,
    firstName: request.firstName,
    lastName: request.lastName,
    dateOfBirth: request.applicant.dateOfBirth,
    gender: request.applicant.gender,
    oen: request.oen,
    schoolName: request.school.nameEn,
    mident: request.school.mident,
    ...change,
  });
  return options.tracking === false ? xml.replace(/\s*<RequestTrackingID>[^<]*<\/RequestTrackingID>/, "") : xml;
}

const stateOf = (referenceNumber: string) =>
  db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber }, select: { id: true, status: true, version: true } });
const pendingOf = (actor: Actor, referenceNumber: string) => db.pendingUpload.findMany({ where: { userId: actor.id, request: { referenceNumber } } });

function staged(result: BulkFileResult) {
  if (result.outcome !== "matched" && result.outcome !== "differences") throw new Error(`not staged: ${JSON.stringify(result)}`);
  return result;
}

beforeAll(async () => {
  await seedDemo();
  school = await actorFor("demo.school");
  board = await actorFor("demo.board");
  otherBoard = await actorFor("other.board");
});

describe("checking the files of a batch", () => {
  it("matches a file by its RequestTrackingID and stages it as the user's pending upload of that request", async () => {
    const request = await take("999999");
    const before = await stateOf(request.referenceNumber);
    const result = staged(await checkBulkFile({ actor: school, file: blob(transcriptOf(request)) }));
    expect(result).toMatchObject({ outcome: "matched", by: "trackingId", request: { referenceNumber: request.referenceNumber, firstName: request.firstName } });
    expect(result.comparisons.every((c) => c.outcome === "same")).toBe(true);
    const pending = await pendingOf(school, request.referenceNumber);
    expect(pending.map((p) => p.id)).toEqual([result.pendingId]);
    expect(pending[0]).toMatchObject({ kind: "XML", originalName: "transcript.xml" });
    expect(JSON.parse(pending[0]!.parsed!)).toMatchObject({ expectedVersion: before.version });
    // Checking changes nothing on the request.
    expect(await stateOf(request.referenceNumber)).toEqual(before);
    await cancelBulkUploads({ actor: school, input: { pendingIds: [result.pendingId] } });
  });

  it("matches a file without RequestTrackingID by OEN, name and date of birth, whatever the case of the names", async () => {
    const request = await take("999999");
    const file = transcriptOf(request, { firstName: request.firstName.toUpperCase(), lastName: request.lastName.toLowerCase() }, { tracking: false });
    const result = staged(await checkBulkFile({ actor: school, file: blob(file) }));
    expect(result).toMatchObject({ outcome: "matched", by: "identity", request: { referenceNumber: request.referenceNumber } });
    expect(result.comparisons.find((c) => c.field === "firstName")).toMatchObject({ transcriptValue: request.firstName.toUpperCase() });
    expect(result.comparisons.map((c) => c.field)).not.toContain("referenceNumber");
    await cancelBulkUploads({ actor: school, input: { pendingIds: [result.pendingId] } });
  });

  it("stages a file that differs from its request, for the validation screen, and reports the difference", async () => {
    const request = await take("999999");
    const result = staged(await checkBulkFile({ actor: school, file: blob(transcriptOf(request, { dateOfBirth: "1990-02-03" })) }));
    expect(result.outcome).toBe("differences");
    expect(result.comparisons.find((c) => c.field === "dateOfBirth")).toEqual({
      field: "dateOfBirth",
      requestValue: request.applicant.dateOfBirth,
      transcriptValue: "1990-02-03",
      outcome: "different",
    });
    expect(await pendingOf(school, request.referenceNumber)).toHaveLength(1);
    await cancelBulkUploads({ actor: school, input: { pendingIds: [result.pendingId] } });
  });

  it("finds no match for a person without an open request in scope, storing nothing", async () => {
    const request = await take("999999");
    const pendingBefore = await db.pendingUpload.count();
    const stranger = transcriptOf(request, { firstName: "Nobody", lastName: "Known", oen: "123456782" }, { tracking: false });
    expect(await checkBulkFile({ actor: school, file: blob(stranger) })).toEqual({ outcome: "noMatch" });
    expect(await db.pendingUpload.count()).toBe(pendingBefore);
  });

  it("never matches another school's request, even by its reference number, and never says it exists", async () => {
    const foreign = await take("999998");
    const before = await stateOf(foreign.referenceNumber);
    const pendingBefore = await db.pendingUpload.count();
    expect(await checkBulkFile({ actor: school, file: blob(transcriptOf(foreign)) })).toEqual({ outcome: "noMatch" });
    expect(await checkBulkFile({ actor: school, file: blob(transcriptOf(foreign, {}, { tracking: false })) })).toEqual({ outcome: "noMatch" });
    // Another board's user neither.
    expect(await checkBulkFile({ actor: otherBoard, file: blob(transcriptOf(foreign)) })).toEqual({ outcome: "noMatch" });
    // Nor is the status of another school's request told (a request of the scope would be "notOpen").
    const completed = await db.transcriptRequest.findFirstOrThrow({
      where: { school: { mident: "999998" }, status: "E_TRANSCRIPT_SENT" },
      select: { referenceNumber: true },
    });
    const naming = transcriptOf(foreign, { referenceNumber: completed.referenceNumber, firstName: "Nobody", lastName: "Known" });
    expect(await checkBulkFile({ actor: school, file: blob(naming) })).toEqual({ outcome: "noMatch" });
    expect(await checkBulkFile({ actor: board, file: blob(naming) })).toMatchObject({ outcome: "notOpen", status: "E_TRANSCRIPT_SENT" });
    expect(await db.pendingUpload.count()).toBe(pendingBefore);
    expect(await stateOf(foreign.referenceNumber)).toEqual(before);
  });

  it("lets a board user match the requests of every school of the board", async () => {
    const request = await take("999998");
    const result = staged(await checkBulkFile({ actor: board, file: blob(transcriptOf(request)) }));
    expect(result).toMatchObject({ outcome: "matched", request: { referenceNumber: request.referenceNumber } });
    expect(await cancelBulkUploads({ actor: board, input: { pendingIds: [result.pendingId] } })).toBe(1);
    expect(await pendingOf(board, request.referenceNumber)).toHaveLength(0);
  });

  it("reports several matches when one person has two open requests, and stages neither", async () => {
    const request = await take("999999");
    const original = await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id } });
    const { id: _id, referenceNumber: _ref, requestNumber, createdAt: _c, updatedAt: _u, ...copy } = original;
    const second = await db.transcriptRequest.create({
      data: { ...copy, referenceNumber: "REF-99990001", requestNumber: `9${requestNumber}`.slice(0, 12), status: "FINANCIAL_HOLD", tab: "INCOMPLETE" },
    });
    try {
      const result = await checkBulkFile({ actor: school, file: blob(transcriptOf(request, {}, { tracking: false })) });
      expect(result.outcome).toBe("several");
      if (result.outcome !== "several") return;
      expect(result.requests.map((r) => r.referenceNumber).sort()).toEqual([request.referenceNumber, "REF-99990001"].sort());
      expect(await db.pendingUpload.count({ where: { requestId: { in: [request.id, second.id] } } })).toBe(0);
      // The file's RequestTrackingID still decides.
      const named = staged(await checkBulkFile({ actor: school, file: blob(transcriptOf(request)) }));
      expect(named.request.referenceNumber).toBe(request.referenceNumber);
      await cancelBulkUploads({ actor: school, input: { pendingIds: [named.pendingId] } });
    } finally {
      await db.transcriptRequest.delete({ where: { id: second.id } });
    }
  });

  it("says why a request of the scope named by the file cannot take it: its status or its send-after date", async () => {
    const complete = await db.transcriptRequest.findFirstOrThrow({
      where: { school: { mident: "999999" }, status: "E_TRANSCRIPT_SENT", referenceNumber: { not: PESC_REFERENCE } },
      select: {
        referenceNumber: true,
        firstName: true,
        lastName: true,
        oen: true,
        applicant: { select: { dateOfBirth: true, gender: true } },
        school: { select: { nameEn: true, mident: true } },
      },
    });
    const asOpen = { ...complete, id: "", applicant: { ...complete.applicant, _count: { requests: 1 } } };
    expect(await checkBulkFile({ actor: school, file: blob(transcriptOf(asOpen)) })).toMatchObject({
      outcome: "notOpen",
      status: "E_TRANSCRIPT_SENT",
      request: { referenceNumber: complete.referenceNumber },
    });

    const request = await take("999999");
    const sendAfter = new Date(Date.now() + 20 * 86_400_000);
    await db.transcriptRequest.update({ where: { id: request.id }, data: { sendOption: "END_OF_SEMESTER", sendAfter } });
    try {
      expect(await checkBulkFile({ actor: school, file: blob(transcriptOf(request)) })).toEqual({
        outcome: "notDue",
        sendAfter,
        request: { referenceNumber: request.referenceNumber, firstName: request.firstName, lastName: request.lastName },
      });
      expect(await pendingOf(school, request.referenceNumber)).toHaveLength(0);
    } finally {
      await db.transcriptRequest.update({ where: { id: request.id }, data: { sendOption: "SEND_NOW", sendAfter: null } });
    }
  });

  it("refuses bad XML with the parser's errors, PDFs, empty and oversized files, storing nothing", async () => {
    const pendingBefore = await db.pendingUpload.count();
    const bad = await checkBulkFile({ actor: school, file: blob("<HighSchoolTranscript><unclosed></HighSchoolTranscript>") });
    expect(bad).toMatchObject({ outcome: "refused", reason: "transcript", errors: [expect.objectContaining({ code: expect.any(String) })] });
    const hostile = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<HighSchoolTranscript/>';
    expect(await checkBulkFile({ actor: school, file: blob(hostile) })).toMatchObject({
      outcome: "refused",
      reason: "transcript",
      errors: [{ code: "doctypeNotAllowed" }],
    });
    // A PDF, whatever its name.
    expect(await checkBulkFile({ actor: school, file: blob("%PDF-1.4\n%%EOF\n", "transcript.xml") })).toEqual({ outcome: "refused", reason: "pdf" });
    expect(await checkBulkFile({ actor: school, file: blob(new Uint8Array(0)) })).toEqual({ outcome: "refused", reason: "noFile" });
    expect(await checkBulkFile({ actor: school, file: null })).toEqual({ outcome: "refused", reason: "noFile" });
    let read = false;
    const huge: UploadedBlob = {
      name: "huge.xml",
      size: MAX_UPLOAD_BYTES + 1,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(MAX_UPLOAD_BYTES + 1);
      },
    };
    expect(await checkBulkFile({ actor: school, file: huge })).toEqual({ outcome: "refused", reason: "tooLarge", limit: 5 * 1024 * 1024 });
    expect(read).toBe(false);
    const liar = { ...blob(new Uint8Array(MAX_UPLOAD_BYTES + 1)), size: 10 };
    expect(await checkBulkFile({ actor: school, file: liar })).toMatchObject({ outcome: "refused", reason: "tooLarge" });
    expect(await db.pendingUpload.count()).toBe(pendingBefore);
  });
});

describe("Save all clean matches", () => {
  it("saves every clean match on its own, moves each In Progress then Complete, and leaves the rest untouched", async () => {
    const [first, second, differing] = [await take("999999"), await take("999999"), await take("999999")];
    const before = await Promise.all([first, second, differing].map((r) => stateOf(r.referenceNumber)));
    const a = staged(await checkBulkFile({ actor: school, file: blob(transcriptOf(first)) }));
    const b = staged(
      await checkBulkFile({ actor: school, file: blob(transcriptOf(second, { firstName: second.firstName.toUpperCase() }, { tracking: false })) }),
    );
    const c = staged(await checkBulkFile({ actor: school, file: blob(transcriptOf(differing, { lastName: "Somebody-Else" })) }));
    expect([a.outcome, b.outcome, c.outcome]).toEqual(["matched", "matched", "differences"]);

    // Another user, even with the requests in scope, cannot save the school user's uploads.
    const foreign = await saveBulkUploads({ actor: board, input: { pendingIds: [a.pendingId] } });
    expect(foreign).toMatchObject({ ok: true, items: [{ pendingId: a.pendingId, ok: false, reason: "notFound" }] });

    const result = await saveBulkUploads({ actor: school, input: { pendingIds: [a.pendingId, b.pendingId, c.pendingId, "unknown-id"] } });
    if (!result.ok) throw new Error("refused");
    expect(result.items.map((i) => [i.pendingId, i.ok, i.ok ? "saved" : i.reason])).toEqual([
      [a.pendingId, true, "saved"],
      [b.pendingId, true, "saved"],
      [c.pendingId, false, "notClean"],
      ["unknown-id", false, "notFound"],
    ]);
    await background.drain();

    for (const [request, was] of [
      [first, before[0]!],
      [second, before[1]!],
    ] as const) {
      expect(await stateOf(request.referenceNumber)).toMatchObject({ status: "E_TRANSCRIPT_SENT", version: was.version + 2 });
      const events = await db.timelineEvent.findMany({
        where: { requestId: request.id, type: { in: ["upload", "validated", "processed"] } },
        orderBy: { createdAt: "asc" },
      });
      const byType = Object.fromEntries(events.map((e) => [e.type, JSON.parse(e.data!)]));
      expect(byType.upload).toMatchObject({ from: "ACTION_REQUIRED", to: "TRANSCRIPT_UPLOADED", bulk: true });
      expect(byType.validated).toMatchObject({ comparison: { clean: true } });
      expect(byType.processed).toMatchObject({ from: "TRANSCRIPT_UPLOADED", to: "E_TRANSCRIPT_SENT" });
      expect(await db.storedTranscript.count({ where: { requestId: request.id, isCurrent: true, format: "XML", source: "BULK" } })).toBe(1);
      expect(events.find((e) => e.type === "upload")!.actorId).toBe(school.id);
    }
    // The one with a difference waits, staged, for the validation screen.
    expect(await stateOf(differing.referenceNumber)).toEqual(before[2]);
    expect((await pendingOf(school, differing.referenceNumber)).map((p) => p.id)).toEqual([c.pendingId]);
    expect(await db.uploadedFile.count({ where: { requestId: differing.id } })).toBe(0);

    // Saving the same batch again saves nothing more.
    const again = await saveBulkUploads({ actor: school, input: { pendingIds: [a.pendingId, b.pendingId] } });
    expect(again).toMatchObject({
      ok: true,
      items: [
        { ok: false, reason: "notFound" },
        { ok: false, reason: "notFound" },
      ],
    });
    expect(await db.uploadedFile.count({ where: { requestId: first.id } })).toBe(1);
  });

  it("refuses a request changed by someone else since its file was checked", async () => {
    const request = await take("999999");
    const a = staged(await checkBulkFile({ actor: school, file: blob(transcriptOf(request)) }));
    const before = await stateOf(request.referenceNumber);
    await db.transcriptRequest.update({ where: { id: before.id }, data: { version: { increment: 1 } } });
    const result = await saveBulkUploads({ actor: school, input: { pendingIds: [a.pendingId] } });
    expect(result).toMatchObject({ ok: true, items: [{ pendingId: a.pendingId, ok: false, reason: "stale", referenceNumber: request.referenceNumber }] });
    expect(await db.uploadedFile.count({ where: { requestId: before.id } })).toBe(0);
    expect((await stateOf(request.referenceNumber)).status).toBe("ACTION_REQUIRED");
  });

  it("keeps only the later file when two files of a batch are for one request", async () => {
    const request = await take("999999");
    const first = staged(await checkBulkFile({ actor: school, file: blob(transcriptOf(request), "first.xml") }));
    const second = staged(await checkBulkFile({ actor: school, file: blob(transcriptOf(request), "second.xml") }));
    expect((await pendingOf(school, request.referenceNumber)).map((p) => [p.id, p.originalName])).toEqual([[second.pendingId, "second.xml"]]);
    expect(await cancelBulkUploads({ actor: school, input: { pendingIds: [first.pendingId, second.pendingId] } })).toBe(1);
    expect(await pendingOf(school, request.referenceNumber)).toHaveLength(0);
  });

  it("saves nothing from a malformed list", async () => {
    const request = await take("999999");
    const a = staged(await checkBulkFile({ actor: school, file: blob(transcriptOf(request)) }));
    for (const pendingIds of [[], [a.pendingId, "bad id!"], Array.from({ length: 201 }, (_, i) => `id${i}`)]) {
      expect(await saveBulkUploads({ actor: school, input: { pendingIds } })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await db.uploadedFile.count({ where: { requestId: request.id } })).toBe(0);
    expect(await pendingOf(school, request.referenceNumber)).toHaveLength(1);
    await cancelBulkUploads({ actor: school, input: { pendingIds: [a.pendingId] } });
  });
});

describe("a PESC batch file", () => {
  // A board user, with the requests of both its schools: the first school's are mostly taken above.
  const takeAny = async () => {
    for (const mident of ["999998", "999999"]) if ((await openRequests(mident)).some((r) => !used.has(r.referenceNumber))) return take(mident);
    throw new Error("no open request left in the board");
  };
  /** The transcript of the pending upload's file, as stored. */
  const pendingFile = async (pendingId: string) => {
    const pending = await db.pendingUpload.findUniqueOrThrow({ where: { id: pendingId } });
    return { pending, bytes: await readStoredFile(pending.storedName) };
  };

  it("is split into its transcripts, each matched and staged on its own as a UTF-8 document of its own", async () => {
    const [first, second, differing] = [await takeAny(), await takeAny(), await takeAny()];
    const stranger = transcriptOf(first, { referenceNumber: "REF-00000001", firstName: "Nobody", lastName: "Known", oen: "123456782" }, { tracking: false });
    const broken = transcriptOf(second).replace(/<BirthDate>[^<]*<\/BirthDate>/, "<BirthDate>1990-02-30</BirthDate>");
    const texts = [
      transcriptOf(first),
      transcriptOf(second, {}, { tracking: false }),
      transcriptOf(differing, { dateOfBirth: "1990-02-03" }),
      stranger,
      broken,
    ];
    // As a Windows SIS writes it: UTF-16 with a byte-order mark.
    const file = encodeUtf16(buildPescBatch(texts, { encoding: "UTF-16" }));
    const pendingBefore = await db.pendingUpload.count();

    const result = await checkBulkFile({ actor: board, file: blob(file, "sis-export.xml") });
    if (result.outcome !== "batch") throw new Error(`not a batch: ${JSON.stringify(result)}`);
    expect(result.transcripts.map((t) => [t.number, t.count, t.result.outcome])).toEqual([
      [1, 5, "matched"],
      [2, 5, "matched"],
      [3, 5, "differences"],
      [4, 5, "noMatch"],
      [5, 5, "refused"],
    ]);
    expect(result.transcripts.map((t) => t.student)).toEqual([
      { firstName: first.firstName, lastName: first.lastName },
      { firstName: second.firstName, lastName: second.lastName },
      { firstName: differing.firstName, lastName: differing.lastName },
      { firstName: "Nobody", lastName: "Known" },
      null,
    ]);
    const [a, b, c] = result.transcripts.map((t) => t.result);
    expect(a).toMatchObject({ by: "trackingId", request: { referenceNumber: first.referenceNumber } });
    expect(b).toMatchObject({ by: "identity", request: { referenceNumber: second.referenceNumber } });
    expect(c).toMatchObject({ request: { referenceNumber: differing.referenceNumber } });
    // The refused transcript's error, at its line in the batch; its number is the row's, not repeated in the error.
    expect(result.transcripts[4]!.result).toMatchObject({
      outcome: "refused",
      reason: "transcript",
      errors: [{ code: "invalidDate", element: "BirthDate", values: { value: "1990-02-30" } }],
    });
    const [refusedError] = (result.transcripts[4]!.result as { errors: { line?: number; document?: number }[] }).errors;
    expect(refusedError!.document).toBeUndefined();
    expect(refusedError!.line).toBeGreaterThan(4 * transcriptOf(first).split("\n").length);
    // Three pending uploads, one per matched transcript: its own document, named after the batch and its place.
    expect(await db.pendingUpload.count()).toBe(pendingBefore + 3);
    for (const [n, staged, text] of [
      [1, a, texts[0]],
      [2, b, texts[1]],
      [3, c, texts[2]],
    ] as const) {
      const { pending, bytes } = await pendingFile((staged as { pendingId: string }).pendingId);
      expect(pending).toMatchObject({ kind: "XML", originalName: `sis-export.xml (#${n})`, size: bytes.byteLength, sha256: sha256Hex(bytes) });
      const kept = new TextDecoder().decode(bytes);
      expect(kept.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<ns0:HighSchoolTranscript xmlns:arb=')).toBe(true);
      expect(kept).not.toContain("BatchEnvelope");
      const alone = parseTranscript(text!);
      expect(alone.ok && parseTranscript(bytes)).toMatchObject({ ok: true, transcript: alone.ok ? alone.transcript : null });
    }
    await cancelBulkUploads({ actor: board, input: { pendingIds: [a, b, c].map((r) => (r as { pendingId: string }).pendingId) } });
    expect(await db.pendingUpload.count()).toBe(pendingBefore);
  });

  it("saves each clean match of a batch on its own: its own file, its own stored transcript, Complete", async () => {
    const [first, second] = [await takeAny(), await takeAny()];
    const before = await Promise.all([first, second].map((r) => stateOf(r.referenceNumber)));
    const result = await checkBulkFile({ actor: board, file: blob(buildPescBatch([transcriptOf(first), transcriptOf(second)]), "batch.xml") });
    if (result.outcome !== "batch") throw new Error("not a batch");
    const pendingIds = result.transcripts.map((t) => staged(t.result).pendingId);
    const saved = await saveBulkUploads({ actor: board, input: { pendingIds } });
    expect(saved).toMatchObject({
      ok: true,
      items: [
        { ok: true, referenceNumber: first.referenceNumber },
        { ok: true, referenceNumber: second.referenceNumber },
      ],
    });
    await background.drain();

    const storedFiles = new Set<string>();
    for (const [request, was] of [
      [first, before[0]!],
      [second, before[1]!],
    ] as const) {
      expect(await stateOf(request.referenceNumber)).toMatchObject({ status: "E_TRANSCRIPT_SENT", version: was.version + 2 });
      const files = await db.uploadedFile.findMany({ where: { requestId: request.id } });
      expect(files).toHaveLength(1);
      const bytes = await readStoredFile(files[0]!.storedName);
      storedFiles.add(files[0]!.storedName);
      expect(files[0]).toMatchObject({ kind: "XML", sha256: sha256Hex(bytes), size: bytes.byteLength });
      const stored = await db.storedTranscript.findFirstOrThrow({ where: { requestId: request.id, isCurrent: true } });
      expect(stored).toMatchObject({ source: "BULK", format: "XML", sha256: files[0]!.sha256, content: new TextDecoder().decode(bytes) });
      // The transcript stored is that student's alone.
      const parsed = parseTranscript(bytes);
      expect(parsed.ok && [parsed.transcript.requestTrackingId, parsed.transcript.student.lastName]).toEqual([request.referenceNumber, request.lastName]);
    }
    expect(storedFiles.size).toBe(2);
  });

  it("sets aside two transcripts of one batch for the same request, as two files", async () => {
    const request = await takeAny();
    const result = await checkBulkFile({ actor: board, file: blob(buildPescBatch([transcriptOf(request), transcriptOf(request, {}, { tracking: false })])) });
    if (result.outcome !== "batch") throw new Error("not a batch");
    const [first, second] = result.transcripts.map((t) => staged(t.result));
    // The server keeps the later one only; the page marks both as the same request twice and forgets them.
    expect((await pendingOf(board, request.referenceNumber)).map((p) => p.id)).toEqual([second!.pendingId]);
    expect(await cancelBulkUploads({ actor: board, input: { pendingIds: [first!.pendingId, second!.pendingId] } })).toBe(1);
  });

  it("refuses a batch that is not well-formed as a whole, naming the transcript, and stores nothing", async () => {
    // Nothing is staged: any two requests will do.
    const [first, second] = (await openRequests("999999")).slice(0, 2) as [OpenRequest, OpenRequest];
    const pendingBefore = await db.pendingUpload.count();
    const broken = transcriptOf(second).replace(/<\/FirstName>/, "");
    const result = await checkBulkFile({ actor: board, file: blob(buildPescBatch([transcriptOf(first), broken])) });
    expect(result).toMatchObject({ outcome: "refused", reason: "transcript", errors: [{ code: "notWellFormed", document: 2 }] });
    // Hostile in UTF-16: refused before anything is read.
    const xxe = buildPescBatch([transcriptOf(first)], { encoding: "UTF-16" }).replace(
      "<arb:AcademicRecordBatch",
      '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<arb:AcademicRecordBatch',
    );
    expect(await checkBulkFile({ actor: board, file: blob(encodeUtf16(xxe, { bigEndian: true })) })).toMatchObject({
      outcome: "refused",
      reason: "transcript",
      errors: [{ code: "doctypeNotAllowed", line: 2 }],
    });
    expect(await db.pendingUpload.count()).toBe(pendingBefore);
  });
});
