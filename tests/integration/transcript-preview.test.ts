// The readable transcript's server side (issue 7): the pending upload's and the stored transcript's reads, both
// scoped, and the PDF route (scope, sign-in, language, file name, bytes that start with %PDF-).
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { cancelUpload } from "@/lib/server/uploads/cancel-upload";
import { stageUpload, type UploadedBlob } from "@/lib/server/uploads/stage-upload";
import { findCurrentTranscript } from "@/lib/server/transcripts/find-current-transcript";
import { findPendingTranscript } from "@/lib/server/transcripts/find-pending-transcript";
import { transcriptPdf } from "@/lib/server/transcripts/transcript-pdf";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";
import { signInAs } from "./helpers/session";

// The route reads the session through the app's own guard; the session is the one a test chooses.
vi.mock("@/lib/auth/auth", () => import("./helpers/session"));

const { GET } = await import("@/app/api/transcripts/[reference]/pdf/route");

const PESC_REFERENCE = "REF-45454545";
const PESC_XML = fs.readFileSync(path.resolve("tests/fixtures/pesc/ontario-highschool-transcript.xml"));

let school: Actor;
let school2: Actor;
let board: Actor;
let boardUser: Actor;
let otherBoard: Actor;
let admin: Actor;
/** A request of demo.school's school with a current XML transcript (seeded). */
let stored: { referenceNumber: string };

function blob(bytes: Uint8Array, name: string): UploadedBlob {
  return { name, size: bytes.byteLength, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

async function stage(actor: Actor, referenceNumber: string, bytes: Uint8Array): Promise<string> {
  const request = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber }, select: { version: true } });
  const result = await stageUpload({ actor, input: { referenceNumber, expectedVersion: request.version }, file: blob(bytes, "transcript.xml") });
  if (!result.ok) throw new Error(`staging failed: ${JSON.stringify(result)}`);
  return result.pendingId;
}

async function get(actor: Actor | null, reference: string, query = "") {
  signInAs(actor);
  const url = `http://localhost/api/transcripts/${encodeURIComponent(reference)}/pdf${query}`;
  return GET(new NextRequest(url), { params: Promise.resolve({ reference }) });
}

async function pdfBytes(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

beforeAll(async () => {
  await seedDemo();
  school = await actorFor("demo.school");
  school2 = await actorFor("demo.school2");
  board = await actorFor("demo.board");
  boardUser = await actorFor("demo.board.user");
  otherBoard = await actorFor("other.board");
  admin = await actorFor("demo.admin");
  stored = await db.transcriptRequest.findFirstOrThrow({
    where: { schoolId: school.schoolId!, transcripts: { some: { isCurrent: true, format: "XML" } } },
    orderBy: { referenceNumber: "asc" },
    select: { referenceNumber: true },
  });
});

describe("the pending upload's transcript (validation screen)", () => {
  it("is read for the user who uploaded it, and for nobody else, on that request only", async () => {
    const pendingId = await stage(school, PESC_REFERENCE, PESC_XML);
    const now = new Date();
    const own = await findPendingTranscript({ actor: school, referenceNumber: PESC_REFERENCE, pendingId, now });
    expect(own?.referenceNumber).toBe(PESC_REFERENCE);
    expect(own?.receivedAt).toBeNull();
    expect(own?.transcript.courses).toHaveLength(54);
    expect(own?.transcript.courses[0]).toMatchObject({ number: "AVI1O1", gradeStatus: "PassFailPass", language: "ENG" });
    // The reference as typed in a URL.
    expect(await findPendingTranscript({ actor: school, referenceNumber: " ref-45454545 ", pendingId, now })).not.toBeNull();

    // Another user, even one who sees the request (board), another school, another request, an expired upload.
    for (const actor of [board, boardUser, school2, otherBoard, admin]) {
      expect(await findPendingTranscript({ actor, referenceNumber: PESC_REFERENCE, pendingId, now })).toBeNull();
    }
    expect(await findPendingTranscript({ actor: school, referenceNumber: stored.referenceNumber, pendingId, now })).toBeNull();
    expect(await findPendingTranscript({ actor: school, referenceNumber: PESC_REFERENCE, pendingId, now: new Date(now.getTime() + 31 * 60_000) })).toBeNull();
    await cancelUpload({ actor: school, pendingId });
    expect(await findPendingTranscript({ actor: school, referenceNumber: PESC_REFERENCE, pendingId, now })).toBeNull();
  });

  it("downloads as a PDF in the requested language for its user; 404 for anyone else", async () => {
    const pendingId = await stage(school, PESC_REFERENCE, PESC_XML);
    const fr = await get(school, PESC_REFERENCE, `?pending=${pendingId}&locale=fr`);
    expect(fr.status).toBe(200);
    expect(fr.headers.get("content-type")).toBe("application/pdf");
    expect(fr.headers.get("content-disposition")).toBe(
      `attachment; filename="releve-de-notes-${PESC_REFERENCE}.pdf"; filename*=UTF-8''releve-de-notes-${PESC_REFERENCE}.pdf`,
    );
    expect(fr.headers.get("cache-control")).toContain("no-store");
    expect(fr.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = await pdfBytes(fr);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(Number(fr.headers.get("content-length"))).toBe(bytes.byteLength);
    expect(bytes.toString("latin1")).toContain("/Lang (fr-CA)");

    const en = await get(school, PESC_REFERENCE, `?pending=${pendingId}&locale=en`);
    expect(en.status).toBe(200);
    expect(en.headers.get("content-disposition")).toContain(`filename="transcript-${PESC_REFERENCE}.pdf"`);
    expect((await pdfBytes(en)).toString("latin1")).toContain("/Lang (en-CA)");

    for (const actor of [school2, otherBoard, board, admin]) {
      const response = await get(actor, PESC_REFERENCE, `?pending=${pendingId}&locale=en`);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
    }
    await cancelUpload({ actor: school, pendingId });
    expect((await get(school, PESC_REFERENCE, `?pending=${pendingId}`)).status).toBe(404);
  });

  it("renders hostile names, quotes, emoji and accents without failing", async () => {
    let xml = PESC_XML.toString("utf8");
    for (const [from, to] of [
      ["<FirstName>Senior</FirstName>", "<FirstName>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</FirstName>"],
      ["<LastName>Student</LastName>", "<LastName>=cmd|' /C calc'!A0 O'Brien-Émilie 🎓</LastName>"],
      ["<CourseTitle>Visual Arts</CourseTitle>", "<CourseTitle>Arts visuels « été » – 🎨</CourseTitle>"],
    ]) {
      expect(xml).toContain(from);
      xml = xml.replace(from!, to!);
    }
    // The comparison differs from the request; staging does not care, the preview shows the file as it is.
    const pendingId = await stage(school, PESC_REFERENCE, Buffer.from(xml, "utf8"));
    const response = await get(school, PESC_REFERENCE, `?pending=${pendingId}&locale=fr`);
    expect(response.status).toBe(200);
    expect((await pdfBytes(response)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await cancelUpload({ actor: school, pendingId });
  });
});

describe("the request's current transcript (details page)", () => {
  it("is read by every user who sees the request, and by no one else", async () => {
    for (const actor of [school, board, boardUser, admin]) {
      const found = await findCurrentTranscript({ actor, referenceNumber: stored.referenceNumber });
      expect(found?.referenceNumber).toBe(stored.referenceNumber);
      expect(found?.receivedAt).toBeInstanceOf(Date);
      expect(found?.transcript.courses.length).toBeGreaterThan(0);
    }
    for (const actor of [school2, otherBoard]) {
      expect(await findCurrentTranscript({ actor, referenceNumber: stored.referenceNumber })).toBeNull();
    }
  });

  it("is the current one only, and nothing for a request without an XML transcript or an unknown reference", async () => {
    const request = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber: stored.referenceNumber }, select: { id: true } });
    const current = await db.storedTranscript.findFirstOrThrow({ where: { requestId: request.id, isCurrent: true }, select: { id: true } });
    await db.storedTranscript.update({ where: { id: current.id }, data: { isCurrent: false } });
    try {
      expect(await findCurrentTranscript({ actor: school, referenceNumber: stored.referenceNumber })).toBeNull();
    } finally {
      await db.storedTranscript.update({ where: { id: current.id }, data: { isCurrent: true } });
    }
    expect(await db.storedTranscript.count({ where: { request: { referenceNumber: PESC_REFERENCE } } })).toBe(0);
    expect(await findCurrentTranscript({ actor: school, referenceNumber: PESC_REFERENCE })).toBeNull();
    expect(await findCurrentTranscript({ actor: admin, referenceNumber: "REF-00000000" })).toBeNull();
    expect(await findCurrentTranscript({ actor: admin, referenceNumber: "" })).toBeNull();
  });

  it("downloads as a PDF for users in scope (the user's language by default); 404 out of scope, 401 signed out", async () => {
    const mine = await get(school, stored.referenceNumber);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-disposition")).toContain(
      `filename="${school.language === "fr" ? "releve-de-notes" : "transcript"}-${stored.referenceNumber}.pdf"`,
    );
    expect((await pdfBytes(mine)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await get(board, stored.referenceNumber, "?locale=fr")).status).toBe(200);

    for (const actor of [school2, otherBoard]) expect((await get(actor, stored.referenceNumber, "?locale=en")).status).toBe(404);
    expect((await get(school, PESC_REFERENCE)).status).toBe(404);
    expect((await get(null, stored.referenceNumber)).status).toBe(401);
  });

  it("refuses a malformed query rather than guessing", async () => {
    expect((await get(school, stored.referenceNumber, "?locale=de")).status).toBe(400);
    expect((await get(school, stored.referenceNumber, "?pending=../../etc")).status).toBe(400);
  });

  it("renders the same PDF through the server function, without the route", async () => {
    const result = await transcriptPdf({ actor: admin, referenceNumber: stored.referenceNumber, locale: "fr" });
    expect(result?.fileName).toBe(`releve-de-notes-${stored.referenceNumber}.pdf`);
    expect(result?.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(await transcriptPdf({ actor: school2, referenceNumber: stored.referenceNumber, locale: "fr" })).toBeNull();
  });
});
