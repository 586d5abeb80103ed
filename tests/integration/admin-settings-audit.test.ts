// Service Settings and the Audit Log (contracts §10). The SLA and the business hours are saved by OCAS administrators
// only, with their audit row, and every reader follows at once: the dashboard's Age colours of the same rows, and the
// alerts' business hours. The Audit Log lists every administrative change (who, when, what, before → after), filtered,
// OCAS only; its CSV has a byte order mark, headers in the language and formula-safe cells. Colleges can be added
// (a duplicate code is refused naming it) and renamed.
import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/auth", () => import("./helpers/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { GET as auditCsvGet } from "@/app/api/admin/audit.csv/route";
import { createCollegeAction, saveCollegeAction } from "@/lib/actions/colleges";
import { initialActionResult } from "@/lib/actions/result";
import { saveServiceSettingsAction } from "@/lib/actions/settings";
import { db } from "@/lib/db";
import { businessDaysBetween, slaState } from "@/lib/domain/business-days";
import { parseRequestSearch } from "@/lib/domain/request-search";
import { findAuditEvents } from "@/lib/server/audit/find-audit-events";
import { createCollege } from "@/lib/server/colleges/create-college";
import { updateCollege } from "@/lib/server/colleges/update-college";
import { findRequests } from "@/lib/server/requests/find-requests";
import { businessHoursSetting, getServiceSettings } from "@/lib/server/settings/get-service-settings";
import { getSlaBusinessDays } from "@/lib/server/settings/get-sla";
import { updateServiceSettings } from "@/lib/server/settings/update-service-settings";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";
import { signInAs } from "./helpers/session";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const csv = (query: string) => auditCsvGet(new Request(`http://localhost:3000/api/admin/audit.csv?${query}`));

beforeAll(async () => {
  await seedDemo();
});

beforeEach(() => {
  signInAs(null);
});

describe("Service Settings", () => {
  test("the SLA saved by an OCAS administrator is what the dashboard colours the same rows by, at once", async () => {
    const admin = await actorFor("demo.admin");
    const board = await actorFor("demo.board");
    const now = new Date();
    const { search } = parseRequestSearch({ tab: "todo", sort: "age", dir: "desc" });
    const rows = (await findRequests({ actor: board, search })).rows;
    const oldest = rows[0]!;
    const age = businessDaysBetween(oldest.paidAt, now);
    expect(age).toBeGreaterThan(1);
    const stateWith = async () => slaState(age, await getSlaBusinessDays());

    const high = Math.min(60, age + 1);
    expect(
      await updateServiceSettings({ actor: admin, input: { slaBusinessDays: String(high), businessHoursStart: "8", businessHoursEnd: "17" } }),
    ).toMatchObject({
      ok: true,
      changed: true,
    });
    expect(await stateWith()).toBe("within");

    signInAs(admin);
    const answer = await saveServiceSettingsAction(initialActionResult, form({ slaBusinessDays: "1", businessHoursStart: "7", businessHoursEnd: "19" }));
    expect(answer).toMatchObject({ ok: true, messageKey: "admin.settings.saved", values: { days: 1 } });
    expect(await stateWith()).toBe("past");
    expect(await businessHoursSetting()).toEqual({ start: 7, end: 19 });

    const rowsAudit = await db.auditEvent.findMany({ where: { entity: "settings" }, orderBy: { createdAt: "asc" } });
    expect(rowsAudit.map((r) => r.action)).toEqual(["settings.update", "settings.update"]);
    expect(JSON.parse(rowsAudit[1]!.before!)).toEqual({ slaBusinessDays: high, businessHoursStart: 8, businessHoursEnd: 17 });
    expect(JSON.parse(rowsAudit[1]!.after!)).toEqual({ slaBusinessDays: 1, businessHoursStart: 7, businessHoursEnd: 19 });
    expect(rowsAudit[1]!.actorId).toBe(admin.id);
  });

  test("invalid settings are refused field by field and change nothing; a stale form is refused", async () => {
    const admin = await actorFor("demo.admin");
    const before = await getServiceSettings();
    for (const [input, field] of [
      [{ slaBusinessDays: "0", businessHoursStart: "8", businessHoursEnd: "17" }, "slaBusinessDays"],
      [{ slaBusinessDays: "2.5", businessHoursStart: "8", businessHoursEnd: "17" }, "slaBusinessDays"],
      [{ slaBusinessDays: "61", businessHoursStart: "8", businessHoursEnd: "17" }, "slaBusinessDays"],
      [{ slaBusinessDays: "5", businessHoursStart: "17", businessHoursEnd: "8" }, "businessHoursEnd"],
      [{ slaBusinessDays: "5", businessHoursStart: "24", businessHoursEnd: "24" }, "businessHoursStart"],
    ] as const) {
      const result = await updateServiceSettings({ actor: admin, input });
      expect(result, JSON.stringify(input)).toMatchObject({
        ok: false,
        reason: "invalid",
        fieldErrors: { [field]: [expect.stringMatching(/^admin\.settings\.errors\./)] },
      });
    }
    expect(await getServiceSettings()).toEqual(before);
    const stale = await updateServiceSettings({
      actor: admin,
      input: { slaBusinessDays: "9", businessHoursStart: "8", businessHoursEnd: "17", version: new Date(0).toISOString() },
    });
    expect(stale).toEqual({ ok: false, reason: "stale" });
  });

  test("nobody but an OCAS administrator changes them, by the verb or the action", async () => {
    const before = await getServiceSettings();
    for (const username of ["demo.board", "other.board.admin", "demo.school"]) {
      const actor = await actorFor(username);
      expect(await updateServiceSettings({ actor, input: { slaBusinessDays: "30", businessHoursStart: "8", businessHoursEnd: "17" } }), username).toEqual({
        ok: false,
        reason: "forbidden",
      });
      signInAs(actor);
      expect(
        await saveServiceSettingsAction(initialActionResult, form({ slaBusinessDays: "30", businessHoursStart: "8", businessHoursEnd: "17" })),
        username,
      ).toEqual({
        ok: false,
        messageKey: "errors.forbidden",
      });
    }
    expect(await getServiceSettings()).toEqual(before);
  });
});

describe("colleges: the gaps", () => {
  test("a college is added with its code upper-cased, and renamed; a duplicate code is refused naming it", async () => {
    const admin = await actorFor("demo.admin");
    expect(await createCollege({ actor: admin, input: { code: "zzza", nameEn: "Test College", nameFr: "Collège test", active: "on" } })).toMatchObject({
      ok: true,
      college: { code: "ZZZA", deliveryUrl: null, hasSecret: false, active: true },
    });
    expect(await createCollege({ actor: admin, input: { code: "SENE", nameEn: "X", nameFr: "X" } })).toEqual({
      ok: false,
      reason: "duplicate",
      field: "code",
      value: "SENE",
    });
    expect(await createCollege({ actor: admin, input: { code: "SEN1", nameEn: "X", nameFr: "X" } })).toMatchObject({ ok: false, reason: "invalid" });
    signInAs(admin);
    expect(await createCollegeAction(initialActionResult, form({ code: "ALGO", nameEn: "X", nameFr: "X" }))).toMatchObject({
      ok: false,
      messageKey: "colleges.errors.codeTaken",
      values: { value: "ALGO" },
    });

    const renamed = await updateCollege({
      actor: admin,
      code: "ZZZA",
      input: { nameEn: "Renamed College", nameFr: "Collège renommé", deliveryUrl: "", active: "on" },
    });
    expect(renamed).toMatchObject({ ok: true, changed: true, college: { nameEn: "Renamed College", nameFr: "Collège renommé" } });
    const row = await db.auditEvent.findFirstOrThrow({ where: { entity: "college", entityId: "ZZZA", action: "college.update" } });
    expect(JSON.parse(row.after!)).toEqual({ nameEn: "Renamed College", nameFr: "Collège renommé" });
    // A form without the names keeps them.
    expect(await saveCollegeAction(initialActionResult, form({ code: "ZZZA", deliveryUrl: "", active: "" }))).toMatchObject({ ok: true });
    expect(await db.college.findUniqueOrThrow({ where: { code: "ZZZA" } })).toMatchObject({ nameEn: "Renamed College", active: false });
    expect(await saveCollegeAction(initialActionResult, form({ code: "ZZZA", nameEn: " ", nameFr: "x", deliveryUrl: "", active: "" }))).toMatchObject({
      ok: false,
      fieldErrors: { nameEn: ["admin.form.errors.nameEnRequired"] },
    });

    const boardAdmin = await actorFor("demo.board");
    expect(await createCollege({ actor: boardAdmin, input: { code: "ZZZB", nameEn: "X", nameFr: "X" } })).toEqual({ ok: false, reason: "forbidden" });
    signInAs(boardAdmin);
    expect(await createCollegeAction(initialActionResult, form({ code: "ZZZB", nameEn: "X", nameFr: "X" }))).toEqual({
      ok: false,
      messageKey: "errors.forbidden",
    });
    expect(await db.college.count({ where: { code: "ZZZB" } })).toBe(0);
  });
});

describe("the Audit Log", () => {
  test("lists every change newest first with the actor's username, and filters by kind, actor, target and dates", async () => {
    const admin = await actorFor("demo.admin");
    const all = (await findAuditEvents({ actor: admin, filters: { page: 1 } }))!;
    expect(all.total).toBe(await db.auditEvent.count());
    expect(all.rows.map((r) => r.at.getTime())).toEqual([...all.rows.map((r) => r.at.getTime())].sort((a, b) => b - a));
    expect(all.rows[0]).toMatchObject({ actor: "demo.admin" });

    const settings = (await findAuditEvents({ actor: admin, filters: { entity: "settings", page: 1 } }))!;
    expect(settings.rows.length).toBeGreaterThan(0);
    expect(settings.rows.every((r) => r.entity === "settings")).toBe(true);
    expect(settings.rows[0]!.after).toMatchObject({ slaBusinessDays: 1 });

    const college = (await findAuditEvents({ actor: admin, filters: { target: "ZZZA", actor: "demo.admin", page: 1 } }))!;
    expect(college.rows.map((r) => r.action).sort()).toEqual(["college.create", "college.update", "college.update"]);
    expect((await findAuditEvents({ actor: admin, filters: { actor: "nobody.here", page: 1 } }))!.total).toBe(0);
    expect((await findAuditEvents({ actor: admin, filters: { to: "2000-01-01", page: 1 } }))!.total).toBe(0);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Toronto" }).format(new Date());
    expect((await findAuditEvents({ actor: admin, filters: { from: today, to: today, page: 1 } }))!.total).toBe(all.total);

    for (const username of ["demo.board", "other.board.admin", "demo.school"]) {
      expect(await findAuditEvents({ actor: await actorFor(username), filters: { page: 1 } }), username).toBeNull();
    }
  });

  test("the CSV: OCAS only, BOM, headers in the language, one record per changed field, formula-safe", async () => {
    const admin = await actorFor("demo.admin");
    await createCollege({ actor: admin, input: { code: "ZZZC", nameEn: '=HYPERLINK("x")', nameFr: "+cmd|' /C calc'!A0", active: "on" } });

    signInAs(null);
    expect((await csv("")).status).toBe(401);
    signInAs(await actorFor("demo.board"));
    expect((await csv("")).status).toBe(404);
    signInAs(admin);
    expect((await csv("from=nope")).status).toBe(400);

    const english = await csv("target=ZZZC&locale=en");
    expect(english.status).toBe(200);
    expect(english.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await english.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes).replace(/^\ufeff/, "");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe('When,Who,Change,What,"Number, MIDENT, code or username",Field,Before,After');
    expect(lines.some((l) => l.includes("College added") && l.includes(',nameEn,,"\'=HYPERLINK(""x"")"'))).toBe(true);
    expect(lines.some((l) => l.includes("'+cmd|"))).toBe(true);
    expect(lines.filter((l) => l.includes("ZZZC"))).toHaveLength(4);

    const french = await csv("target=ZZZC&locale=fr");
    const frText = new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array(await french.arrayBuffer()));
    expect(frText.split("\r\n")[0]).toBe('\ufeffQuand,Qui,Modification,Quoi,"Numéro, MIDENT, code ou nom d\'utilisateur",Champ,Avant,Après');
    expect(frText).toContain("Collège ajouté");
  });
});
