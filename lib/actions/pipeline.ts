import { unstable_rethrow } from "next/navigation";
import { actorOrThrow, ForbiddenError, SessionEndedError } from "@/lib/auth/guard";
import type { Actor, Role } from "@/lib/auth/roles";
import { describeError } from "@/lib/domain/job-text";
import { isLocale, routing, type Locale } from "@/lib/i18n/routing";
import { StorageUnavailableError } from "@/lib/server/uploads/storage";
import type { ActionResult } from "./result";

// The one pipeline every server action goes through (architecture habit 3, the shape of next-safe-action's
// `action(…)`; ADR 0012): the session first (an ended session and a forbidden role get different answers), then the
// form's text fields as plain strings, then the handler, which calls lib/server — where every input is validated with
// its zod schema (the one agreed layer) — and maps the verb's reasons to message keys. An exception the handler does
// not expect becomes the translated generic error, never raw exception text; Next's own signals (redirect, notFound)
// pass through.

export const SESSION_ENDED = { ok: false, messageKey: "auth.sessionExpired" } as const satisfies ActionResult;
export const FORBIDDEN = { ok: false, messageKey: "errors.forbidden" } as const satisfies ActionResult;
export const GENERIC_ERROR = { ok: false, messageKey: "errors.generic" } as const satisfies ActionResult;
/** The answer when the file store is full or read-only: nothing was saved. */
export const STORAGE_UNAVAILABLE = { ok: false, messageKey: "errors.storageUnavailable" } as const satisfies ActionResult;
/** The form's answer when the request changed since the page was shown. */
export const STALE_FORM = { ok: false, messageKey: "errors.staleForm" } as const satisfies ActionResult;

export type ActionContext = {
  /** The signed-in user, with the id of this browser's session. */
  actor: Actor & { sessionId?: string };
  /** The page's language (for the values put into messages); never used for anything but wording. */
  locale: Locale;
  form: FormData;
};

type Spec<F extends string> = {
  /** Who may use the action; anyone signed in when absent. */
  roles?: readonly Role[];
  /** The text fields the handler reads ("" when absent or a file). */
  fields?: readonly F[];
  /** Fields put back into the form when the action fails (React resets uncontrolled fields after an action). */
  echo?: readonly F[];
  /** The change-password form: a user holding a temporary password may use it. */
  allowTemporaryPassword?: boolean;
};

type Handler<F extends string, R extends ActionResult> = (input: Record<F, string>, context: ActionContext) => Promise<R>;

// R, the form's state, is ActionResult unless the action names a richer one (`formAction<Fields, State>`): it is
// never inferred from the handler, whose answers are literals.

/** An action for `useActionState(action, initialActionResult)`: `(previous, form) → result`. */
export function formAction<F extends string, R extends ActionResult = ActionResult>(spec: Spec<F>, handler: Handler<F, NoInfer<R>>) {
  return (_previous: R, form: FormData): Promise<R> => run(spec, form, handler);
}

/** An action a client component calls itself with a FormData (a file at a time, a list of ids): `form → result`. */
export function formCall<F extends string, R extends ActionResult = ActionResult>(spec: Spec<F>, handler: Handler<F, NoInfer<R>>) {
  return (form: FormData): Promise<R> => run(spec, form, handler);
}

/** An action for someone not signed in (sign-in, forgot password, reset): the same, without an actor. */
export function publicFormAction<F extends string, R extends ActionResult = ActionResult>(
  spec: Omit<Spec<F>, "roles" | "allowTemporaryPassword">,
  handler: (input: Record<F, string>, context: Omit<ActionContext, "actor">) => Promise<NoInfer<R>>,
) {
  return async (_previous: R, form: FormData): Promise<R> => {
    const context = { locale: formLocale(form, routing.defaultLocale), form };
    return guarded(spec, form, () => handler(pick(form, spec.fields ?? []), context));
  };
}

// The pipeline's own answers (SESSION_ENDED, FORBIDDEN, GENERIC_ERROR) are plain ActionResults, which every richer
// state extends with optional fields only.
async function run<F extends string, R extends ActionResult>(spec: Spec<F>, form: FormData, handler: Handler<F, R>): Promise<R> {
  let actor: Actor & { sessionId?: string };
  try {
    actor = await actorOrThrow(spec.roles, { allowTemporaryPassword: spec.allowTemporaryPassword });
  } catch (error) {
    if (error instanceof SessionEndedError) return SESSION_ENDED as R;
    if (error instanceof ForbiddenError) return FORBIDDEN as R;
    throw error;
  }
  const context = { actor, locale: formLocale(form, actor.language), form };
  return guarded(spec, form, () => handler(pick(form, spec.fields ?? []), context));
}

async function guarded<F extends string, R extends ActionResult>(spec: Pick<Spec<F>, "echo">, form: FormData, work: () => Promise<R>): Promise<R> {
  const echo = spec.echo ? pick(form, spec.echo) : undefined;
  try {
    const result = await work();
    // A refusal (forbidden, session ended) is not a form to correct: nothing is put back.
    const refusal = result.messageKey === FORBIDDEN.messageKey || result.messageKey === SESSION_ENDED.messageKey;
    return !result.ok && echo && !result.fields && !refusal ? { ...result, fields: echo } : result;
  } catch (error) {
    // redirect() and notFound() are thrown: they are answers, not failures.
    unstable_rethrow(error);
    // A full or read-only file store: nothing was saved, and the user is told so in their language.
    if (error instanceof StorageUnavailableError) {
      console.error(`[actions] file store unavailable: ${error.code}`);
      return (echo ? { ...STORAGE_UNAVAILABLE, fields: echo } : STORAGE_UNAVAILABLE) as R;
    }
    // One line, no personal data: the values of the form stay out of the log.
    console.error(`[actions] unexpected failure: ${describeError(error)}`);
    return (echo ? { ...GENERIC_ERROR, fields: echo } : GENERIC_ERROR) as R;
  }
}

function pick<F extends string>(form: FormData, names: readonly F[]): Record<F, string> {
  const out = {} as Record<F, string>;
  for (const name of names) {
    const value = form.get(name);
    out[name] = typeof value === "string" ? value : "";
  }
  return out;
}

function formLocale(form: FormData, fallback: Locale): Locale {
  const value = form.get("locale");
  return isLocale(value) ? value : fallback;
}
