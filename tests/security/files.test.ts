import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Finding 11 of the attack on the demo (docs/decisions/0020): a write that fails (a full or read-only store) leaves
// no part of a file behind, saves nothing, and the user reads why in their language — never a 500.

vi.mock("@/lib/auth/auth", () => import("../integration/helpers/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

// The store fills up halfway through the next write: half the bytes land, then ENOSPC.
const failure = vi.hoisted(() => ({ next: false }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const open = (async (...args: Parameters<typeof actual.open>) => {
    const handle = await actual.open(...args);
    if (!failure.next) return handle;
    failure.next = false;
    const writeFile = handle.writeFile.bind(handle);
    handle.writeFile = (async (data: Uint8Array) => {
      await writeFile(data.subarray(0, Math.floor(data.byteLength / 2)));
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    }) as typeof handle.writeFile;
    return handle;
  }) as typeof actual.open;
  return { ...actual, open, default: { ...actual, open } };
});
const diskFullOnNextWrite = () => void (failure.next = true);

import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { stageUploadAction } from "@/lib/actions/uploads";
import { initialActionResult } from "@/lib/actions/result";
import { StorageUnavailableError, writePendingFile } from "@/lib/server/uploads/storage";
import { actorFor } from "../integration/helpers/actors";
import { seedDemo } from "../integration/helpers/seeded";
import { signInAs } from "../integration/helpers/session";

const XML = fs.readFileSync(path.resolve("tests/fixtures/pesc/ontario-highschool-transcript.xml"));
const storeFiles = () => {
  const root = path.resolve(env().FILE_STORAGE_DIR);
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()) : [];
};

beforeAll(async () => {
  await seedDemo();
});

describe("a file store that fails", () => {
  it("leaves no partial file when a write fails, and says the store is unavailable", async () => {
    const before = storeFiles();
    diskFullOnNextWrite();
    await expect(writePendingFile(new Uint8Array(XML), "XML")).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(storeFiles()).toEqual(before);
  });

  it("answers an upload with the translated message and saves nothing", async () => {
    const actor = await actorFor("demo.school");
    const request = await db.transcriptRequest.findFirstOrThrow({ where: { referenceNumber: "REF-45454545" } });
    signInAs(actor);
    const form = new FormData();
    form.set("referenceNumber", request.referenceNumber);
    form.set("expectedVersion", String(request.version));
    form.set("locale", "fr");
    form.set("file", new File([new Uint8Array(XML)], "releve.xml", { type: "application/xml" }));
    const pendingBefore = await db.pendingUpload.count();
    const filesBefore = storeFiles();
    diskFullOnNextWrite();
    // The operators' log says what happened (one line, no personal data).
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await stageUploadAction(initialActionResult, form)).toMatchObject({ ok: false, messageKey: "errors.storageUnavailable" });
    expect(logged).toHaveBeenCalledWith("[actions] file store unavailable: ENOSPC");
    expect(await db.pendingUpload.count()).toBe(pendingBefore);
    expect(storeFiles()).toEqual(filesBefore);
    expect(await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: request.status, version: request.version });
  });
});

describe("a hostile file name", () => {
  it.each([
    ["a right-to-left override", "invoice\u202Efdp.xml"],
    ["a NUL", "trans\u0000cript.xml"],
    ["only zero-width characters", "\u200B\u200D"],
  ])("with %s is refused in the user's language, and nothing is kept", async (_what, name) => {
    const actor = await actorFor("demo.school");
    const request = await db.transcriptRequest.findFirstOrThrow({ where: { referenceNumber: "REF-45454545" } });
    signInAs(actor);
    const form = new FormData();
    form.set("referenceNumber", request.referenceNumber);
    form.set("expectedVersion", String(request.version));
    form.set("locale", "en");
    form.set("file", new File([new Uint8Array(XML)], name, { type: "application/xml" }));
    const pendingBefore = await db.pendingUpload.count();
    expect(await stageUploadAction(initialActionResult, form)).toMatchObject({ ok: false, messageKey: "upload.errors.fileName" });
    expect(await db.pendingUpload.count()).toBe(pendingBefore);
  });
});
