// Reading a request, an applicant and a request's files (product §3): everything in scope, nothing outside it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { text } from "node:stream/consumers";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { applyAction } from "@/lib/server/requests/apply-action";
import { getApplicantDetails } from "@/lib/server/applicants/get-applicant-details";
import { getRequestDetails, TIMELINE_LIMIT } from "@/lib/server/requests/get-request-details";
import { openUploadedFile } from "@/lib/server/requests/open-uploaded-file";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";

const PESC = "REF-45454545";

beforeAll(async () => {
  await seedDemo();
});

describe("getRequestDetails", () => {
  test("the request with its school, destinations and timeline, for everyone in scope", async () => {
    for (const username of ["demo.school", "demo.board", "demo.admin"]) {
      const details = await getRequestDetails({ actor: await actorFor(username), referenceNumber: PESC });
      expect(details, username).not.toBeNull();
      expect(details!.referenceNumber).toBe(PESC);
      expect(details!.school.mident).toBe("999999");
      expect(details!.applicant).toMatchObject({ firstName: "Senior", lastName: "Student", dateOfBirth: "1987-05-16" });
      expect(details!.destinations.map((d) => d.college.code)).toEqual(["ALGO", "SENE"]);
      expect(details!.events.map((e) => e.type)).toContain("created");
    }
  });

  test("null for another school's or board's request, and for unknown references", async () => {
    for (const username of ["demo.school2", "other.board"]) {
      expect(await getRequestDetails({ actor: await actorFor(username), referenceNumber: PESC }), username).toBeNull();
    }
    const admin = await actorFor("demo.admin");
    for (const reference of ["REF-00000000", "", "x".repeat(100), "' OR 1=1 --"]) {
      expect(await getRequestDetails({ actor: admin, referenceNumber: reference }), reference).toBeNull();
    }
    // Typed in lower case: the same request.
    expect((await getRequestDetails({ actor: admin, referenceNumber: "ref-45454545" }))?.referenceNumber).toBe(PESC);
  });

  test("a board user sees every school of the board, and nothing of the other board", async () => {
    const board = await actorFor("demo.board");
    const mine = await db.transcriptRequest.findFirstOrThrow({ where: { school: { mident: "999998" } }, select: { referenceNumber: true } });
    const theirs = await db.transcriptRequest.findFirstOrThrow({ where: { school: { mident: "999997" } }, select: { referenceNumber: true } });
    expect(await getRequestDetails({ actor: board, referenceNumber: mine.referenceNumber })).not.toBeNull();
    expect(await getRequestDetails({ actor: board, referenceNumber: theirs.referenceNumber })).toBeNull();
  });

  test("the timeline is newest first, with the latest action on top", async () => {
    const actor = await actorFor("demo.school");
    const request = await db.transcriptRequest.findFirstOrThrow({
      where: { school: { mident: "999999" }, status: "ACTION_REQUIRED", sendOption: "SEND_NOW", referenceNumber: { not: PESC } },
      select: { referenceNumber: true, version: true },
    });
    await applyAction({ actor, input: { referenceNumber: request.referenceNumber, action: "STUDENT_NOT_FOUND", expectedVersion: request.version } });
    const details = await getRequestDetails({ actor, referenceNumber: request.referenceNumber });
    const times = details!.events.map((e) => e.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(
      details!.events
        .map((e) => e.type)
        .slice(0, 2)
        .sort(),
    ).toEqual(["action", "email_queued"]);
    expect(details!.events.at(-1)!.type).toBe("created");
    expect(details!.events.find((e) => e.type === "action")!.actor?.displayName).toBe(actor.displayName);
    expect(details!.status).toBe("STUDENT_NOT_FOUND");
    expect(details!.version).toBe(request.version + 1);
  });

  test("the reason a request could not be processed automatically comes with it", async () => {
    const admin = await actorFor("demo.admin");
    const request = await db.transcriptRequest.findFirstOrThrow({ where: { status: "AUTO_PROCESS_ERROR" }, select: { referenceNumber: true } });
    const details = await getRequestDetails({ actor: admin, referenceNumber: request.referenceNumber });
    expect(JSON.parse(details!.statusReason!)).toHaveProperty("key");
  });
});

describe("getRequestDetails reads what Prisma reads", () => {
  // The page's read is plain SQL (get-request-details.ts); this is the same read through Prisma, the oracle.
  const viaPrisma = (referenceNumber: string) =>
    db.transcriptRequest.findFirst({
      where: { referenceNumber },
      select: {
        id: true,
        referenceNumber: true,
        requestNumber: true,
        accountNumber: true,
        requestType: true,
        paidAt: true,
        sendOption: true,
        sendAfter: true,
        lastAttended: true,
        status: true,
        tab: true,
        statusReason: true,
        statusChangedAt: true,
        completedAt: true,
        version: true,
        firstName: true,
        lastName: true,
        oen: true,
        createdAt: true,
        applicant: { select: { id: true, firstName: true, middleName: true, lastName: true, dateOfBirth: true, preferredLanguage: true } },
        school: {
          select: { mident: true, nameEn: true, nameFr: true, board: { select: { number: true, nameEn: true, nameFr: true, autoTrmsEnabled: true } } },
        },
        destinations: { select: { college: { select: { code: true, nameEn: true, nameFr: true } } }, orderBy: { college: { code: "asc" } } },
        files: {
          select: { id: true, kind: true, originalName: true, size: true, createdAt: true, uploadedBy: { select: { displayName: true } } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        },
        events: {
          select: { id: true, type: true, actorLabel: true, data: true, createdAt: true, actor: { select: { displayName: true } } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: TIMELINE_LIMIT,
        },
      },
    });

  test("every seeded request, field by field, for an administrator, and in scope for a board and a school", async () => {
    // A request with two files (one by a user, one without), its timeline with and without an actor.
    const board = await actorFor("demo.board");
    const request = await db.transcriptRequest.findFirstOrThrow({ where: { boardId: board.boardId!, referenceNumber: { not: PESC } }, select: { id: true } });
    const uploader = await db.user.findUniqueOrThrow({ where: { username: "demo.board" }, select: { id: true } });
    const at = new Date("2026-02-03T04:05:06.789Z");
    for (const [n, uploadedById] of [uploader.id, null].entries()) {
      await db.uploadedFile.create({
        data: {
          requestId: request.id,
          kind: n === 0 ? "PDF" : "XML",
          originalName: `Relevé ${n}.pdf`,
          storedName: `equivalence-${n}`,
          size: 1234 + n,
          sha256: "0".repeat(64),
          uploadedById,
          createdAt: at,
        },
      });
    }
    await db.timelineEvent.create({ data: { requestId: request.id, type: "note", actorId: uploader.id, data: JSON.stringify({ note: "é" }), createdAt: at } });

    const all = await db.transcriptRequest.findMany({ select: { referenceNumber: true, boardId: true, schoolId: true }, orderBy: { referenceNumber: "asc" } });
    const actors = await Promise.all(["demo.admin", "demo.board", "demo.school"].map((username) => actorFor(username)));
    let compared = 0;
    let withFiles = 0;
    for (const { referenceNumber, boardId, schoolId } of all) {
      const expected = await viaPrisma(referenceNumber);
      for (const actor of actors) {
        const inScope = actor.role === "OCAS_ADMIN" || (actor.schoolId ? actor.schoolId === schoolId : actor.boardId === boardId);
        const details = await getRequestDetails({ actor, referenceNumber });
        expect(details, `${actor.username} ${referenceNumber}`).toEqual(inScope ? expected : null);
        if (inScope) compared++;
      }
      if (expected!.files.length > 0) withFiles++;
    }
    expect(all.length).toBeGreaterThan(20);
    expect(compared).toBeGreaterThan(all.length);
    expect(withFiles).toBeGreaterThan(0);
  });
});

describe("getApplicantDetails", () => {
  test("identity, contact and only the requests in the actor's scope", async () => {
    const pesc = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber: PESC }, select: { applicantId: true, boardId: true } });
    // A second request of the same applicant, at the other school of the board.
    const otherSchool = await db.school.findUniqueOrThrow({ where: { mident: "999998" } });
    const template = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber: PESC } });
    await db.transcriptRequest.create({
      data: {
        ...template,
        id: undefined,
        referenceNumber: "REF-99990001",
        requestNumber: "999900001",
        schoolId: otherSchool.id,
        boardId: pesc.boardId,
        createdAt: undefined,
        updatedAt: undefined,
      },
    });

    const school = await getApplicantDetails({ actor: await actorFor("demo.school"), applicantId: pesc.applicantId });
    expect(school).toMatchObject({
      firstName: "Senior",
      lastName: "Student",
      dateOfBirth: "1987-05-16",
      gender: "MALE",
      email: "senior.student@example.org",
      preferredLanguage: "en",
    });
    expect(school!.requests.map((r) => r.referenceNumber)).toEqual([PESC]);
    expect(school!.requests[0]!.destinations.map((d) => d.college.code)).toEqual(["ALGO", "SENE"]);

    const school2 = await getApplicantDetails({ actor: await actorFor("demo.school2"), applicantId: pesc.applicantId });
    expect(school2!.requests.map((r) => r.referenceNumber)).toEqual(["REF-99990001"]);

    const board = await getApplicantDetails({ actor: await actorFor("demo.board"), applicantId: pesc.applicantId });
    expect(board!.requests.map((r) => r.referenceNumber).sort()).toEqual([PESC, "REF-99990001"]);
  });

  test("null when none of the applicant's requests is in scope, or the id is unknown", async () => {
    const pesc = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber: PESC }, select: { applicantId: true } });
    expect(await getApplicantDetails({ actor: await actorFor("other.board"), applicantId: pesc.applicantId })).toBeNull();
    const admin = await actorFor("demo.admin");
    expect(await getApplicantDetails({ actor: admin, applicantId: "does-not-exist" })).toBeNull();
    expect(await getApplicantDetails({ actor: admin, applicantId: "" })).toBeNull();
    // An applicant without any request is nobody's to see.
    const lonely = await db.applicant.create({
      data: { accountNumber: "99990002", firstName: "No", lastName: "Request", dateOfBirth: "2000-01-01", gender: "X", email: "no.request@example.org" },
    });
    expect(await getApplicantDetails({ actor: admin, applicantId: lonely.id })).toBeNull();
  });
});

describe("openUploadedFile", () => {
  // A name of the form TRMS gives its files (lib/server/uploads/storage.ts).
  const generatedName = () => `${new Date().getUTCFullYear()}/${crypto.randomBytes(16).toString("hex")}.xml`;
  async function storeFile(referenceNumber: string, storedName: string, content: string | null) {
    const request = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber } });
    if (content !== null) {
      const full = path.join(path.resolve(env().FILE_STORAGE_DIR), storedName);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
    return db.uploadedFile.create({
      data: {
        requestId: request.id,
        kind: "XML",
        originalName: "transcript.xml",
        storedName,
        size: content?.length ?? 0,
        sha256: crypto
          .createHash("sha256")
          .update(content ?? "")
          .digest("hex"),
      },
    });
  }

  test("streams a file of a request in scope; another school gets nothing", async () => {
    const content = "<HighSchoolTranscript/>";
    const file = await storeFile(PESC, generatedName(), content);
    const opened = await openUploadedFile({ actor: await actorFor("demo.school"), fileId: file.id });
    expect(opened).toMatchObject({ size: content.length, originalName: "transcript.xml", kind: "XML" });
    expect(await text(opened!.stream)).toBe(content);
    expect(await openUploadedFile({ actor: await actorFor("demo.school2"), fileId: file.id })).toBeNull();
    expect(await openUploadedFile({ actor: await actorFor("other.board"), fileId: file.id })).toBeNull();
  });

  test("nothing for an unknown id, a file missing from storage or a stored name that leaves the directory", async () => {
    const admin = await actorFor("demo.admin");
    expect(await openUploadedFile({ actor: admin, fileId: "nope" })).toBeNull();
    const missing = await storeFile(PESC, generatedName(), null);
    expect(await openUploadedFile({ actor: admin, fileId: missing.id })).toBeNull();
    const outside = await storeFile(PESC, `../${crypto.randomUUID()}.xml`, null);
    expect(await openUploadedFile({ actor: admin, fileId: outside.id })).toBeNull();
    const absolute = await storeFile(PESC, "/etc/passwd", null);
    expect(await openUploadedFile({ actor: admin, fileId: absolute.id })).toBeNull();
  });
});
