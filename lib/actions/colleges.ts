"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "@/lib/i18n/navigation";
import { createCollege } from "@/lib/server/colleges/create-college";
import { generateCollegeSecret } from "@/lib/server/colleges/generate-secret";
import { updateCollege } from "@/lib/server/colleges/update-college";
import { adminRefusal } from "./admin-answers";
import { FORBIDDEN, formAction } from "./pipeline";
import type { ActionResult } from "./result";

// The two forms of /admin/colleges/{code} (contracts §10), OCAS administrators only. The college comes from a hidden
// field; lib/server looks it up again and checks the role again.

const ROLES = ["OCAS_ADMIN"] as const;
// The route file structure, route group included.
const COLLEGES_PAGE = "/[locale]/(app)/admin/colleges";
const COLLEGE_PAGE = "/[locale]/(app)/admin/colleges/[code]";

/** The answer of "Generate New Secret": the new secret, once, for the page to show and never again. */
export type GenerateSecretState = ActionResult & { secret?: string };

const notFound = { ok: false, messageKey: "colleges.errors.notFound" } as const satisfies ActionResult;

/** Saves the names, Delivery URL and Active; turns an endpoint switched off by a 410 back on. */
export const saveCollegeAction = formAction(
  { roles: ROLES, fields: ["code", "nameEn", "nameFr", "deliveryUrl", "active", "version"], echo: ["deliveryUrl", "active"] },
  async ({ code, nameEn, nameFr, deliveryUrl, active, version }, { actor, locale, form }) => {
    // A form without the names (an older page) keeps them.
    const names = { ...(form.has("nameEn") && { nameEn }), ...(form.has("nameFr") && { nameFr }) };
    const result = await updateCollege({ actor, code, input: { ...names, deliveryUrl, active, version } });
    // What the form is given back when refused: the names too when it sent them.
    const fields = { ...names, deliveryUrl, active };
    if (!result.ok) {
      switch (result.reason) {
        case "forbidden":
          return FORBIDDEN;
        case "notFound":
          return notFound;
        case "stale":
          return { ok: false, messageKey: "colleges.errors.stale", fields };
        case "invalid":
          return { ok: false, fieldErrors: result.fieldErrors, messageKey: "colleges.errors.fixErrors", fields };
      }
    }
    revalidatePath(COLLEGES_PAGE, "page");
    revalidatePath(COLLEGE_PAGE, "page");
    const values = { code: result.college.code, college: locale === "fr" ? result.college.nameFr : result.college.nameEn };
    if (!result.changed) return { ok: true, messageKey: "colleges.form.unchanged", values };
    if (result.reenabled && result.college.deliveryUrl) return { ok: true, messageKey: "colleges.form.savedReenabled", values };
    return { ok: true, messageKey: result.college.deliveryUrl ? "colleges.form.saved" : "colleges.form.savedNoUrl", values };
  },
);

/** Generates, stores (sealed) and answers a new signing secret; the answer is the only place it is ever shown. */
export const generateCollegeSecretAction = formAction<"code", GenerateSecretState>({ roles: ROLES, fields: ["code"] }, async ({ code }, { actor, locale }) => {
  const result = await generateCollegeSecret({ actor, code });
  if (!result.ok) return result.reason === "forbidden" ? FORBIDDEN : notFound;
  revalidatePath(COLLEGES_PAGE, "page");
  revalidatePath(COLLEGE_PAGE, "page");
  return {
    ok: true,
    messageKey: "colleges.secret.generated",
    values: { code: result.college.code, college: locale === "fr" ? result.college.nameFr : result.college.nameEn },
    secret: result.secret,
  };
});

/** Adds a college (code, names, Active), then opens its page to set the Delivery URL and the signing secret. */
export const createCollegeAction = formAction(
  { roles: ROLES, fields: ["code", "nameEn", "nameFr", "active"], echo: ["code", "nameEn", "nameFr", "active"] },
  async (input, { actor, locale }) => {
    const result = await createCollege({ actor, input });
    if (!result.ok) return adminRefusal(result, "colleges");
    revalidatePath(COLLEGES_PAGE, "page");
    redirect({ href: { pathname: `/admin/colleges/${result.college.code}`, query: { created: "1" } }, locale });
    return { ok: true };
  },
);
