import { afterAll, expect, test } from "vitest";
import { createDbClient } from "@/lib/db-client";

const db = createDbClient(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

test("each test file starts from an empty migrated database", async () => {
  expect(await db.board.count()).toBe(0);
  const board = await db.board.create({ data: { number: "12345", nameEn: "Test Board", nameFr: "Conseil test" } });
  expect(await db.board.findUnique({ where: { id: board.id } })).toMatchObject({ number: "12345" });
});
