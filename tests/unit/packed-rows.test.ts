import { describe, expect, test } from "vitest";
import { packRows, unpackRows, type RowData } from "@/components/requests/packed-rows";

const row = (over: Partial<RowData>): RowData => ({
  paidAt: "2026-11-24",
  paidAtText: "Nov 24, 2026",
  age: 5,
  sla: "reached",
  reference: "REF-85884045",
  applicantId: "c1",
  name: "Lucas Martin",
  type: "Original",
  lastAttended: "Jun 2019",
  send: "Send Now",
  status: "ACTION_REQUIRED",
  statusText: "Action Required",
  school: "Aurora Collegiate",
  action: "open",
  responses: ["PAPER_SENT", "STUDENT_NOT_FOUND"],
  version: 2,
  ...over,
});

describe("packRows: the dashboard rows as the RSC payload carries them", () => {
  test("unpacking gives back every row exactly, including empty and missing values", () => {
    const rows: RowData[] = [
      row({}),
      row({ reference: "REF-1", school: null, action: null, responses: [], notDue: "December 15, 2026", sla: "within", age: 0 }),
      row({ reference: "REF-2", action: "reupload", responses: [], name: "Zoë « O’Brien »", paidAtText: "Nov 25, 2026" }),
    ];
    const unpacked = unpackRows(JSON.parse(JSON.stringify(packRows(rows))));
    expect(unpacked).toEqual(rows.map((r) => ({ ...r, notDue: r.notDue })));
    expect(unpacked[1]!.school).toBeNull();
    expect(unpacked[1]!.notDue).toBe("December 15, 2026");
    expect(unpacked[0]!.notDue).toBeUndefined();
  });

  test("a text that repeats from row to row is carried once", () => {
    const rows = Array.from({ length: 50 }, (_, i) => row({ reference: `REF-${i}`, applicantId: `c${i}` }));
    const packed = packRows(rows);
    expect(packed.texts.filter((t) => t === "Aurora Collegiate")).toHaveLength(1);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(rows).length / 2);
  });
});
