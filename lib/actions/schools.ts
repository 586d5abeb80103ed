"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "@/lib/i18n/navigation";
import { createSchool } from "@/lib/server/schools/create-school";
import { updateSchool } from "@/lib/server/schools/update-school";
import { adminRefusal, nameIn } from "./admin-answers";
import { formAction } from "./pipeline";

// The school forms of /admin/schools (contracts §10), OCAS administrators only (the pipeline, then the verbs again).

const ROLES = ["OCAS_ADMIN"] as const;
const NS = "admin.schools";
const FIELDS = ["mident", "nameEn", "nameFr", "city", "board", "active", "version"] as const;
const ECHO = ["mident", "nameEn", "nameFr", "city", "board", "active"] as const;

function revalidateSchools() {
  revalidatePath("/[locale]/(app)/admin/schools", "page");
  revalidatePath("/[locale]/(app)/admin/schools/[mident]", "page");
  revalidatePath("/[locale]/(app)/admin/boards/[number]", "page");
}

/** Adds a school, then opens its page (which says it was added). */
export const createSchoolAction = formAction({ roles: ROLES, fields: FIELDS, echo: ECHO }, async (input, { actor, locale }) => {
  const result = await createSchool({ actor, input });
  if (!result.ok) return adminRefusal(result, NS);
  revalidateSchools();
  redirect({ href: { pathname: `/admin/schools/${result.school.mident}`, query: { created: "1" } }, locale });
  return { ok: true };
});

export const updateSchoolAction = formAction({ roles: ROLES, fields: FIELDS, echo: ECHO }, async ({ mident, ...input }, { actor, locale }) => {
  const result = await updateSchool({ actor, mident, input });
  if (!result.ok) return adminRefusal(result, NS);
  revalidateSchools();
  const values = { mident: result.school.mident, school: nameIn(locale, result.school) };
  return { ok: true, messageKey: result.changed ? `${NS}.saved` : `${NS}.unchanged`, values };
});
