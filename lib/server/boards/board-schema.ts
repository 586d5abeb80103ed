import "server-only";
import { z } from "zod";
import { checkboxField, languageField, nameField, optionalEmailField, versionField } from "@/lib/server/admin/form-fields";

// The board form (contracts §10): number (5 digits, fixed once created), names EN/FR, language, escalation email,
// Active. Auto-TRMS is switched on the Auto-TRMS page, which also holds the SIS endpoint and secret.

export const BOARD_NUMBER = /^\d{5}$/;

export const boardNumberField = z.string("admin.boards.errors.numberFormat").trim().regex(BOARD_NUMBER, "admin.boards.errors.numberFormat");

export const BoardFieldsSchema = z.object({
  nameEn: nameField("nameEn"),
  nameFr: nameField("nameFr"),
  language: languageField,
  escalationEmail: optionalEmailField,
  active: checkboxField,
});

export const NewBoardSchema = BoardFieldsSchema.extend({ number: boardNumberField });
export const EditBoardSchema = BoardFieldsSchema.extend({ version: versionField });

export type BoardInput = { [K in keyof z.input<typeof NewBoardSchema> | "version"]?: unknown };
