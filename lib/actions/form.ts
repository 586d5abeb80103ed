import { actorOrThrow, NotSignedInError } from "@/lib/auth/guard";
import type { Actor } from "@/lib/auth/roles";
import { isLocale, type Locale } from "@/lib/i18n/routing";

// Small pieces every form action shares (not a "use server" file: these are not actions).

/** The signed-in actor, or null when the session has ended (the form then says so instead of throwing). */
export async function signedIn(): Promise<Actor | null> {
  try {
    return await actorOrThrow();
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
