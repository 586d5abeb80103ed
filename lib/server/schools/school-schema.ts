import "server-only";
import { z } from "zod";
import { checkboxField, CITY_MAX_LENGTH, nameField, versionField } from "@/lib/server/admin/form-fields";
import { boardNumberField } from "@/lib/server/boards/board-schema";

// The school form (contracts §10): MIDENT (6 digits, fixed once created), names EN/FR, city (optional), board (by its
// number), Active.

export const MIDENT = /^\d{6}$/;

const E = "admin.schools.errors";

export const SchoolFieldsSchema = z.object({
  nameEn: nameField("nameEn"),
  nameFr: nameField("nameFr"),
  // "" or absent: none.
  city: z
    .string(`${E}.cityTooLong`)
    .trim()
    .max(CITY_MAX_LENGTH, `${E}.cityTooLong`)
    .optional()
    .transform((v) => (v ? v : null)),
  board: z.string(`${E}.boardRequired`).trim().min(1, `${E}.boardRequired`).pipe(boardNumberField),
  active: checkboxField,
});

export const NewSchoolSchema = SchoolFieldsSchema.extend({
  mident: z.string(`${E}.midentFormat`).trim().regex(MIDENT, `${E}.midentFormat`),
});
export const EditSchoolSchema = SchoolFieldsSchema.extend({ version: versionField });

export type SchoolInput = { [K in keyof z.input<typeof NewSchoolSchema> | "version"]?: unknown };
