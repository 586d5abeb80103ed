import "server-only";
import { z } from "zod";

// The fields the administration forms share (contracts §10): names in both languages, a language, an optional email,
// the Active checkbox. Messages are message keys under `admin.form.errors`, translated by the forms.

export const NAME_MAX_LENGTH = 200;
export const CITY_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;

const E = "admin.form.errors";

export const nameField = (which: "nameEn" | "nameFr") =>
  z.string(`${E}.${which}Required`).trim().min(1, `${E}.${which}Required`).max(NAME_MAX_LENGTH, `${E}.nameTooLong`);

export const languageField = z.enum(["en", "fr"], `${E}.languageRequired`);

/** An optional email: "" or absent is none. */
export const optionalEmailField = z
  .string(`${E}.emailInvalid`)
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, `${E}.emailInvalid`)
  .transform((v) => (v === "" ? null : v))
  .pipe(z.email(`${E}.emailInvalid`).nullable())
  .optional()
  .transform((v) => v ?? null);

/** A checkbox: "on" when ticked, absent (or "") otherwise. */
export const checkboxField = z
  .string()
  .optional()
  .transform((v) => v === "on");

/** The entity's `updatedAt` when the form was shown (ISO); when given, a save over someone else's change is refused. */
export const versionField = z.string().max(40).optional();

/** Whether the form's version (ISO) is not the stored one: someone else saved meanwhile. */
export const isStale = (version: string | undefined, updatedAt: Date) => version !== undefined && version !== "" && Date.parse(version) !== updatedAt.getTime();

/** The answers every administration save may give besides its own. */
export type AdminRefusal =
  | { ok: false; reason: "forbidden" | "notFound" | "stale" }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> }
  /** The number, MIDENT, code or username is taken: `field` names the form field, `value` the value. */
  | { ok: false; reason: "duplicate"; field: string; value: string };

/** A write refused because it lost a race (the version moved): thrown inside the transaction, caught by the verb. */
export class StaleWrite extends Error {
  constructor() {
    super("the row changed since it was read");
    this.name = "StaleWrite";
  }
}
