import { describe, expect, test } from "vitest";
import { applicantScope, manageableUserScope, requestScope, schoolScope } from "@/lib/auth/scope";

const ocas = { role: "OCAS_ADMIN" as const, boardId: null, schoolId: null };
const boardAdmin = { role: "BOARD_ADMIN" as const, boardId: "b1", schoolId: null };
const boardUser = { role: "BOARD_USER" as const, boardId: "b1", schoolId: null };
const schoolUser = { role: "SCHOOL_USER" as const, boardId: "b1", schoolId: "s1" };

describe("requestScope", () => {
  test("OCAS administrators see every request", () => expect(requestScope(ocas)).toEqual({}));
  test("board staff see their board", () => {
    expect(requestScope(boardAdmin)).toEqual({ boardId: "b1" });
    expect(requestScope(boardUser)).toEqual({ boardId: "b1" });
  });
  test("school users see their school only, even though they belong to a board", () => {
    expect(requestScope(schoolUser)).toEqual({ schoolId: "s1" });
  });
  test("an inconsistent profile sees nothing, never everything", () => {
    expect(requestScope({ role: "BOARD_USER", boardId: null, schoolId: null })).toEqual({ id: "__no_scope__" });
    expect(requestScope({ role: "SCHOOL_USER", boardId: "b1", schoolId: null })).toEqual({ id: "__no_scope__" });
  });
});

describe("other scopes", () => {
  test("applicants are visible through a request in scope", () => {
    expect(applicantScope(ocas)).toEqual({});
    expect(applicantScope(schoolUser)).toEqual({ requests: { some: { schoolId: "s1" } } });
  });
  test("schools", () => {
    expect(schoolScope(boardUser)).toEqual({ boardId: "b1" });
    expect(schoolScope(schoolUser)).toEqual({ id: "s1" });
  });
  test("only administrators manage users", () => {
    expect(manageableUserScope(ocas)).toEqual({});
    expect(manageableUserScope(boardAdmin)).toEqual({ OR: [{ boardId: "b1" }, { school: { boardId: "b1" } }] });
    expect(manageableUserScope(boardUser)).toEqual({ id: "__no_scope__" });
    expect(manageableUserScope(schoolUser)).toEqual({ id: "__no_scope__" });
  });
});
