import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { actorOrThrow, NotSignedInError } from "@/lib/auth/guard";
import type { Actor, Role } from "@/lib/auth/roles";
import type { RequestStatus } from "@/lib/domain/statuses";
import { isLocale, type Locale } from "@/lib/i18n/routing";

// Small pieces every form action shares (not a "use server" file: these are not actions).

/**
 * The signed-in actor, or null when the session has ended or, given `roles`, the role does not allow the form (the
 * form then says so instead of throwing).
 */
export async function signedIn(roles?: readonly Role[]): Promise<Actor | null> {
  try {
    return await actorOrThrow(roles);
  } catch (error) {
    if (error instanceof NotSignedInError) return null;
    throw error;
  }
}

/** A text field of the form ("" when absent or a file). */
export const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The page's language (for the values put into messages); never used for anything but wording. */
export const localeOf = (form: FormData, actor: Actor): Locale => {
  const value = form.get("locale");
  return isLocale(value) ? value : actor.language;
};

/** The form's answer when the session ended meanwhile. */
export const SESSION_ENDED = { ok: false, messageKey: "auth.sessionExpired" } as const;
/** The form's answer when the request changed since the page was shown. */
export const STALE_FORM = { ok: false, messageKey: "errors.staleForm" } as const;

// Route file structures, route groups included: the dashboard, the details and applicant pages show a request's status.
const REQUEST_PAGES = ["/[locale]/(app)/requests", "/[locale]/(app)/requests/[reference]", "/[locale]/(app)/applicants/[id]"];

/** After a request changed: the pages that show it render afresh (plus `extra` route files). */
export function revalidateRequestPages(...extra: string[]) {
  for (const page of [...REQUEST_PAGES, ...extra]) revalidatePath(page, "page");
}

/** A status's name in `locale`, for messages such as errors.invalidTransition. */
export async function statusName(locale: Locale, status: RequestStatus): Promise<string> {
  const t = await getTranslations({ locale, namespace: "statuses" });
  return t(status);
}

/** The form's answer when the request's status does not allow the action (named in the user's language). */
export async function invalidTransition(locale: Locale, status: RequestStatus) {
  return { ok: false, messageKey: "errors.invalidTransition", values: { status: await statusName(locale, status) } } as const;
}
