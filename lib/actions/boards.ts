"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "@/lib/i18n/navigation";
import { createBoard } from "@/lib/server/boards/create-board";
import { updateBoard } from "@/lib/server/boards/update-board";
import { adminRefusal, nameIn } from "./admin-answers";
import { formAction } from "./pipeline";

// The board forms of /admin/boards (contracts §10), OCAS administrators only: the pipeline refuses anyone else, and
// the verbs check the role again. The board comes from a hidden field; the verb looks it up again.

const ROLES = ["OCAS_ADMIN"] as const;
const NS = "admin.boards";
const FIELDS = ["number", "nameEn", "nameFr", "language", "escalationEmail", "active", "version"] as const;
const ECHO = ["number", "nameEn", "nameFr", "language", "escalationEmail", "active"] as const;

function revalidateBoards() {
  revalidatePath("/[locale]/(app)/admin/boards", "page");
  revalidatePath("/[locale]/(app)/admin/boards/[number]", "page");
  revalidatePath("/[locale]/(app)/admin/schools", "page");
}

/** Adds a board, then opens its page (which says it was added). */
export const createBoardAction = formAction({ roles: ROLES, fields: FIELDS, echo: ECHO }, async (input, { actor, locale }) => {
  const result = await createBoard({ actor, input });
  if (!result.ok) return adminRefusal(result, NS);
  revalidateBoards();
  redirect({ href: { pathname: `/admin/boards/${result.board.number}`, query: { created: "1" } }, locale });
  return { ok: true };
});

export const updateBoardAction = formAction({ roles: ROLES, fields: FIELDS, echo: ECHO }, async ({ number, ...input }, { actor, locale }) => {
  const result = await updateBoard({ actor, number, input });
  if (!result.ok) return adminRefusal(result, NS);
  revalidateBoards();
  const values = { number: result.board.number, board: nameIn(locale, result.board) };
  return { ok: true, messageKey: result.changed ? `${NS}.saved` : `${NS}.unchanged`, values };
});
