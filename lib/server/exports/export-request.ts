import "server-only";
import { actorOrThrow, SessionEndedError } from "@/lib/auth/guard";
import type { Actor } from "@/lib/auth/roles";
import { parseRequestSearch, type RequestSearch } from "@/lib/domain/request-search";
import { isLocale, type Locale } from "@/lib/i18n/routing";

export type ExportRequest = { ok: true; actor: Actor; search: RequestSearch; locale: Locale } | { ok: false; response: Response };

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * What both export routes check first: a signed-in user (401 JSON otherwise — a download link must never get the
 * sign-in page as HTML), then the dashboard's parameters (400 with the error keys), then the language (`locale`,
 * by default the user's). Scope is not decided here: every query of the export applies the actor's.
 */
export async function readExportRequest(url: URL): Promise<ExportRequest> {
  const signedIn = await readSignedIn();
  if (!signedIn.ok) return signedIn;
  const { actor } = signedIn;
  const { search, errors } = parseRequestSearch(url.searchParams);
  if (Object.keys(errors).length > 0) {
    return { ok: false, response: Response.json({ error: "invalidSearch", errors }, { status: 400, headers: NO_STORE }) };
  }
  const requested = url.searchParams.get("locale");
  return { ok: true, actor, search, locale: isLocale(requested) ? requested : actor.language };
}

/** The signed-in actor of a download, or the 401 JSON answer (a download link must never get the sign-in page). */
export async function readSignedIn(): Promise<{ ok: true; actor: Actor } | { ok: false; response: Response }> {
  try {
    return { ok: true, actor: await actorOrThrow() };
  } catch (error) {
    if (!(error instanceof SessionEndedError)) throw error;
    return { ok: false, response: Response.json({ error: "unauthenticated" }, { status: 401, headers: NO_STORE }) };
  }
}

/** Headers of a file download: attachment with its name, never cached (it holds personal data). */
export function downloadHeaders(contentType: string, fileName: string): HeadersInit {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
