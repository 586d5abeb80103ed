import { describe, expect, it } from "vitest";
import { duplicateFiles } from "@/lib/domain/bulk-match-batch";

const staged = (pendingId: string, referenceNumber: string) => ({ pendingId, referenceNumber });

describe("duplicateFiles", () => {
  it("is empty when every staged file has its own request", () => {
    expect(duplicateFiles([staged("a", "REF-00000001"), null, staged("b", "REF-00000002")])).toEqual(new Set());
    expect(duplicateFiles([])).toEqual(new Set());
  });

  it("marks every file of a request matched more than once, and only those", () => {
    const files = [staged("a", "REF-00000001"), staged("b", "REF-00000002"), null, staged("c", "REF-00000001"), staged("d", "REF-00000001")];
    expect(duplicateFiles(files)).toEqual(new Set([0, 3, 4]));
  });

  it("ignores files that were not staged", () => {
    expect(duplicateFiles([null, null])).toEqual(new Set());
  });
});
