// Boards and schools administration (contracts §10): OCAS administrators add and change boards and schools; a
// duplicate number or MIDENT is refused, naming it, also when two administrators race; nothing is deleted, a school or
// board is deactivated and the intake API then refuses new requests for it, while a new school is accepted at once.
// Every change is one transaction with its audit row (who, what, before → after). Board administrators and everyone
// else are refused every verb and every action, called directly.
import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

const KEY = vi.hoisted(() => {
  const key = "test-intake-key-admin-0123456789";
  process.env.INTAKE_API_KEY = key;
  return key;
});

vi.mock("@/lib/auth/auth", () => import("./helpers/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { POST as intakePost } from "@/app/api/v1/transcript-requests/route";
import { createBoardAction, updateBoardAction } from "@/lib/actions/boards";
import { initialActionResult } from "@/lib/actions/result";
import { createSchoolAction, updateSchoolAction } from "@/lib/actions/schools";
import { db } from "@/lib/db";
import { createBoard } from "@/lib/server/boards/create-board";
import { getBoard, listBoards } from "@/lib/server/boards/get-boards";
import { updateBoard } from "@/lib/server/boards/update-board";
import { createSchool } from "@/lib/server/schools/create-school";
import { findSchools, getSchool } from "@/lib/server/schools/get-schools";
import { updateSchool } from "@/lib/server/schools/update-school";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";
import { signInAs } from "./helpers/session";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const audit = (entity: string, entityId: string) => db.auditEvent.findMany({ where: { entity, entityId }, orderBy: { createdAt: "asc" } });
const json = (s: string | null) => (s === null ? null : JSON.parse(s));

function messageExists(key: string) {
  const lookup = (messages: unknown) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  return typeof lookup(en) === "string" && typeof lookup(fr) === "string";
}

let nextRequest = 810_000_000;
function intake(schoolMident: string) {
  nextRequest++;
  const payload = {
    requestNumber: String(nextRequest),
    accountNumber: `8${nextRequest}`,
    requestType: "ORIGINAL",
    paidAt: "2026-01-15T14:03:00-05:00",
    sendOption: "SEND_NOW",
    sendAfter: null,
    schoolMident,
    lastAttended: "2022-06",
    applicant: {
      firstName: "Noor",
      lastName: "Haddad",
      middleName: null,
      formerLastName: null,
      dateOfBirth: "2004-05-17",
      gender: "FEMALE",
      oen: null,
      studentNumber: null,
      email: "noor@example.org",
      phone: null,
      preferredLanguage: "en",
    },
    destinations: ["SENE"],
  };
  return intakePost(
    new Request("http://localhost:3000/api/v1/transcript-requests", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: JSON.stringify(payload),
    }),
  );
}

const BOARD = { number: "12345", nameEn: "Maple Valley District School Board", nameFr: "Conseil scolaire de district Maple Valley", language: "en" };

beforeAll(async () => {
  await seedDemo();
});

beforeEach(() => {
  signInAs(null);
});

describe("boards", () => {
  test("an OCAS administrator adds a board: stored, one audit row naming the administrator, Auto-TRMS off", async () => {
    const admin = await actorFor("demo.admin");
    const result = await createBoard({ actor: admin, input: { ...BOARD, number: " 12345 ", escalationEmail: " Escalation@Example.org ", active: "on" } });
    expect(result).toMatchObject({ ok: true, board: { number: "12345", escalationEmail: "escalation@example.org", autoTrmsEnabled: false, active: true } });
    const rows = await audit("board", "12345");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: admin.id, action: "board.create" });
    expect(json(rows[0]!.after)).toMatchObject({ number: "12345", nameEn: BOARD.nameEn, escalationEmail: "escalation@example.org", active: true });
    expect((await listBoards({ actor: admin }))?.map((b) => b.number)).toContain("12345");
  });

  test("a number already used is refused with a message naming it, in both languages; so is the loser of a race", async () => {
    const admin = await actorFor("demo.admin");
    expect(await createBoard({ actor: admin, input: { ...BOARD, number: "99999" } })).toEqual({
      ok: false,
      reason: "duplicate",
      field: "number",
      value: "99999",
    });
    signInAs(admin);
    const answer = await createBoardAction(initialActionResult, form({ ...BOARD, number: "99999", escalationEmail: "" }));
    expect(answer).toMatchObject({ ok: false, messageKey: "admin.boards.errors.numberTaken", values: { value: "99999" } });
    expect(en.admin.boards.errors.numberTaken.replace("{value}", "99999")).toContain("99999");
    expect(fr.admin.boards.errors.numberTaken.replace("{value}", "99999")).toContain("99999");
    expect(await db.board.count({ where: { number: "99999" } })).toBe(1);

    const race = await Promise.all(
      ["Race A", "Race B"].map((nameEn) => createBoard({ actor: admin, input: { ...BOARD, number: "54321", nameEn, escalationEmail: "" } })),
    );
    expect(race.filter((r) => r.ok)).toHaveLength(1);
    expect(race.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "duplicate", field: "number", value: "54321" }]);
    expect(await audit("board", "54321")).toHaveLength(1);
  });

  test("invalid fields are refused field by field with message keys of both languages, and nothing is written", async () => {
    const admin = await actorFor("demo.admin");
    const before = await db.auditEvent.count();
    const result = await createBoard({ actor: admin, input: { number: "1234", nameEn: " ", nameFr: "", language: "de", escalationEmail: "not-an-email" } });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "invalid") throw new Error("expected invalid");
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["escalationEmail", "language", "nameEn", "nameFr", "number"]);
    for (const keys of Object.values(result.fieldErrors)) for (const key of keys) expect(messageExists(key), key).toBe(true);
    expect(await db.auditEvent.count()).toBe(before);
    expect(await db.board.count({ where: { number: "1234" } })).toBe(0);
  });

  test("a change writes the changed fields before and after; an unchanged form writes nothing; a stale form is refused", async () => {
    const admin = await actorFor("demo.admin");
    const board = (await getBoard({ actor: admin, number: "12345" }))!;
    const fields = { nameEn: board.nameEn, nameFr: board.nameFr, language: "en", escalationEmail: "escalation@example.org", active: "on" };
    expect(await updateBoard({ actor: admin, number: "12345", input: { ...fields, version: board.updatedAt.toISOString() } })).toMatchObject({
      ok: true,
      changed: false,
    });

    const saved = await updateBoard({
      actor: admin,
      number: "12345",
      input: { ...fields, language: "fr", escalationEmail: "", version: board.updatedAt.toISOString() },
    });
    expect(saved).toMatchObject({ ok: true, changed: true, board: { language: "fr", escalationEmail: null } });
    const row = (await audit("board", "12345")).at(-1)!;
    expect(row.action).toBe("board.update");
    expect(json(row.before)).toEqual({ language: "en", escalationEmail: "escalation@example.org" });
    expect(json(row.after)).toEqual({ language: "fr", escalationEmail: null });

    expect(await updateBoard({ actor: admin, number: "12345", input: { ...fields, version: board.updatedAt.toISOString() } })).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(await updateBoard({ actor: admin, number: "00000", input: fields })).toEqual({ ok: false, reason: "notFound" });
  });

  test("board administrators, board users and school users are refused every board verb and action", async () => {
    for (const username of ["demo.board", "other.board.admin", "demo.board.user", "demo.school"]) {
      const actor = await actorFor(username);
      expect(await listBoards({ actor }), username).toBeNull();
      expect(await getBoard({ actor, number: "99999" }), username).toBeNull();
      expect(await createBoard({ actor, input: { ...BOARD, number: "67890" } }), username).toEqual({ ok: false, reason: "forbidden" });
      expect(await updateBoard({ actor, number: "99999", input: { ...BOARD, active: "" } }), username).toEqual({ ok: false, reason: "forbidden" });
      signInAs(actor);
      expect(await createBoardAction(initialActionResult, form({ ...BOARD, number: "67890" })), username).toEqual({
        ok: false,
        messageKey: "errors.forbidden",
      });
      expect(await updateBoardAction(initialActionResult, form({ ...BOARD, number: "99999" })), username).toEqual({
        ok: false,
        messageKey: "errors.forbidden",
      });
    }
    expect(await db.board.count({ where: { number: "67890" } })).toBe(0);
    expect((await db.board.findUniqueOrThrow({ where: { number: "99999" } })).active).toBe(true);
  });
});

describe("schools", () => {
  test("a new school is accepted by the intake API at once, with the city; its duplicate MIDENT is refused naming it", async () => {
    const admin = await actorFor("demo.admin");
    expect(await (await intake("123456")).json()).toMatchObject({ error: expect.any(String) });

    signInAs(admin);
    const created = createSchoolAction(
      initialActionResult,
      form({
        mident: "123456",
        nameEn: "Maple Valley Secondary School",
        nameFr: "École secondaire Maple Valley",
        city: "Kingston",
        board: "99999",
        active: "on",
      }),
    );
    // Success opens the new school's page (redirect).
    await expect(created).rejects.toMatchObject({ digest: expect.stringContaining("/admin/schools/123456") });
    expect(await db.school.findUniqueOrThrow({ where: { mident: "123456" }, include: { board: true } })).toMatchObject({
      city: "Kingston",
      active: true,
      board: { number: "99999" },
    });

    const accepted = await intake("123456");
    expect(accepted.status).toBe(201);
    const { referenceNumber } = await accepted.json();
    expect(await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber }, include: { school: true } })).toMatchObject({
      school: { mident: "123456" },
    });

    const row = (await audit("school", "123456"))[0]!;
    expect(row).toMatchObject({ actorId: admin.id, action: "school.create" });
    expect(json(row.after)).toMatchObject({ mident: "123456", city: "Kingston", board: "99999" });

    expect(await createSchool({ actor: admin, input: { mident: "999999", nameEn: "X", nameFr: "X", city: "", board: "99999" } })).toEqual({
      ok: false,
      reason: "duplicate",
      field: "mident",
      value: "999999",
    });
    const answer = await createSchoolAction(initialActionResult, form({ mident: "999999", nameEn: "X", nameFr: "X", city: "", board: "99999" }));
    expect(answer).toMatchObject({
      ok: false,
      messageKey: "admin.schools.errors.midentTaken",
      values: { value: "999999" },
      fieldErrors: { mident: expect.any(Array) },
    });
    expect(await createSchool({ actor: admin, input: { mident: "12345", nameEn: "X", nameFr: "X", city: "", board: "00000" } })).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { mident: ["admin.schools.errors.midentFormat"] },
    });
    expect(await createSchool({ actor: admin, input: { mident: "123457", nameEn: "X", nameFr: "X", city: "", board: "00000" } })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { board: ["admin.schools.errors.boardUnknown"] },
    });
  });

  test("a deactivated school, or a school of a deactivated board, takes no new requests; its requests stay", async () => {
    const admin = await actorFor("demo.admin");
    const school = (await getSchool({ actor: admin, mident: "123456" }))!;
    const fields = { nameEn: school.nameEn, nameFr: school.nameFr, city: "Kingston", board: "99999" };
    const off = await updateSchool({ actor: admin, mident: "123456", input: { ...fields, active: "", version: school.updatedAt.toISOString() } });
    expect(off).toMatchObject({ ok: true, changed: true, school: { active: false } });
    const row = (await audit("school", "123456")).at(-1)!;
    expect(row).toMatchObject({ action: "school.update" });
    expect([json(row.before), json(row.after)]).toEqual([{ active: true }, { active: false }]);
    const refused = await intake("123456");
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain("123456");
    expect(await db.transcriptRequest.count({ where: { schoolId: school.id } })).toBe(1);

    expect(await updateSchool({ actor: admin, mident: "123456", input: { ...fields, active: "on" } })).toMatchObject({ ok: true, school: { active: true } });
    expect((await intake("123456")).status).toBe(201);

    const board = (await getBoard({ actor: admin, number: "12345" }))!;
    const school2 = await createSchool({ actor: admin, input: { mident: "123458", nameEn: "B", nameFr: "B", city: "", board: "12345", active: "on" } });
    expect(school2.ok).toBe(true);
    expect((await intake("123458")).status).toBe(201);
    await updateBoard({
      actor: admin,
      number: "12345",
      input: { nameEn: board.nameEn, nameFr: board.nameFr, language: board.language, escalationEmail: "", active: "" },
    });
    expect((await intake("123458")).status).toBe(422);
  });

  test("moving a school to another board moves its requests and users' board with it, in the audit row by number", async () => {
    const admin = await actorFor("demo.admin");
    const school = (await getSchool({ actor: admin, mident: "123456" }))!;
    const moved = await updateSchool({
      actor: admin,
      mident: "123456",
      input: { nameEn: school.nameEn, nameFr: school.nameFr, city: "Kingston", board: "99998", active: "on" },
    });
    expect(moved).toMatchObject({ ok: true, changed: true, school: { board: { number: "99998" } } });
    const other = await db.board.findUniqueOrThrow({ where: { number: "99998" } });
    const requests = await db.transcriptRequest.findMany({ where: { schoolId: school.id }, select: { boardId: true } });
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.boardId === other.id)).toBe(true);
    const row = (await audit("school", "123456")).at(-1)!;
    expect([json(row.before), json(row.after)]).toEqual([{ board: "99999" }, { board: "99998" }]);
  });

  test("the list is searched (accents and case aside) and filtered by board, OCAS only", async () => {
    const admin = await actorFor("demo.admin");
    const byName = await findSchools({ actor: admin, filters: { q: "ecole secondaire boreale", board: "", page: 1 } });
    expect(byName?.schools.map((s) => s.nameFr)).toEqual(["École secondaire Boréale"]);
    const byBoard = await findSchools({ actor: admin, filters: { q: "", board: "99999", page: 1 } });
    expect(byBoard?.schools.every((s) => s.board.number === "99999")).toBe(true);
    expect(byBoard?.total).toBe(await db.school.count({ where: { board: { number: "99999" } } }));
    for (const username of ["demo.board", "demo.school"]) {
      const actor = await actorFor(username);
      expect(await findSchools({ actor, filters: { q: "", board: "", page: 1 } }), username).toBeNull();
      expect(await getSchool({ actor, mident: "999999" }), username).toBeNull();
      expect(await createSchool({ actor, input: { mident: "223456", nameEn: "X", nameFr: "X", city: "", board: "99999" } }), username).toEqual({
        ok: false,
        reason: "forbidden",
      });
      expect(await updateSchool({ actor, mident: "999999", input: { nameEn: "X", nameFr: "X", city: "", board: "99999" } }), username).toEqual({
        ok: false,
        reason: "forbidden",
      });
      signInAs(actor);
      expect(await createSchoolAction(initialActionResult, form({ mident: "223456", nameEn: "X", nameFr: "X", board: "99999" })), username).toEqual({
        ok: false,
        messageKey: "errors.forbidden",
      });
      expect(await updateSchoolAction(initialActionResult, form({ mident: "999999", nameEn: "X", nameFr: "X", board: "99999" })), username).toEqual({
        ok: false,
        messageKey: "errors.forbidden",
      });
    }
    expect(await db.school.count({ where: { mident: "223456" } })).toBe(0);
    expect((await db.school.findUniqueOrThrow({ where: { mident: "999999" } })).nameEn).not.toBe("X");
  });
});
