import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import type { Locale } from "@/lib/i18n/routing";

/** Remembers the user's language: pages after sign-in and emails to the user use it. */
export async function saveLanguage(options: { actor: Actor; language: Locale }) {
  if (options.actor.language === options.language) return;
  await db.user.update({ where: { id: options.actor.id }, data: { language: options.language } });
}
