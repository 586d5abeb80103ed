import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { autoMatchRequest } from "@/lib/server/auto-trms/match-request";
import type { SisDouble } from "@/tests/doubles/sis-server.mjs";
import { FAST_SIS, makeRequest, newIdentity, recordOf, requestState, startDouble } from "./helpers/auto-trms";
import { seedDemo } from "./helpers/seeded";

// A transcript the SIS sent is kept in a file before its row is committed (lib/server/auto-trms/write-outcomes.ts).
// When the file cannot be written, nothing at all is written for the request: it stays as it was, and a later
// attempt completes it. (Its own test file: it blocks this file's storage folder for a while.)

const student = newIdentity();
let double: SisDouble;

beforeAll(async () => {
  await seedDemo();
  ({ double } = await startDouble([recordOf(student)]));
});

afterAll(async () => {
  await double.close();
});

describe("a transcript that cannot be stored", () => {
  it("changes nothing for the request; once storage works again, the next attempt completes it", async () => {
    const request = await makeRequest(student);
    // The year's folder is taken by a file: the transcript's file cannot be created there. (The demo's uploads live
    // in that folder: it is moved aside meanwhile.)
    const yearFolder = path.join(path.resolve(env().FILE_STORAGE_DIR), String(new Date().getUTCFullYear()));
    const aside = `${yearFolder}.aside`;
    if (fs.existsSync(yearFolder)) fs.renameSync(yearFolder, aside);
    fs.mkdirSync(path.dirname(yearFolder), { recursive: true });
    fs.writeFileSync(yearFolder, "not a folder");
    try {
      await expect(autoMatchRequest({ requestId: request.id, trigger: "created", sis: FAST_SIS })).rejects.toThrow();
      const state = await requestState(request.id);
      expect(state).toMatchObject({ status: "ACTION_REQUIRED", version: request.version, statusReason: null });
      expect(state.transcripts).toEqual([]);
      expect(state.autoMatches).toEqual([]);
      expect(state.events.filter((e) => e.type === "status_changed")).toEqual([]);
    } finally {
      fs.rmSync(yearFolder, { force: true });
      if (fs.existsSync(aside)) fs.renameSync(aside, yearFolder);
    }

    expect(await autoMatchRequest({ requestId: request.id, trigger: "rematch", sis: FAST_SIS })).toMatchObject({ status: "done", outcome: "MATCHED" });
    const state = await requestState(request.id);
    expect(state.status).toBe("E_TRANSCRIPT_SENT");
    expect(state.transcripts).toHaveLength(1);
    expect(fs.existsSync(path.join(path.resolve(env().FILE_STORAGE_DIR), state.transcripts[0]!.storedName!))).toBe(true);
  });
});
