import "server-only";
import { z } from "zod";
import { ENDPOINT_URL_MESSAGE, endpointUrlRule } from "@/lib/domain/endpoint-url";

// The Auto-TRMS settings form (product §6). Messages are message keys, translated by the form.

export const URL_MAX_LENGTH = 2000;
export const SECRET_MIN_LENGTH = 12;
export const SECRET_MAX_LENGTH = 500;

const E = "admin.autoTrms.errors";

/**
 * The message key of what is wrong with an endpoint URL, or null when it may be used. HTTPS is required: the secret
 * travels with every request. Plain HTTP is allowed to the machine itself outside production, for the SIS double
 * of the demo and the tests (lib/domain/endpoint-url.ts, the rule shared with the colleges' delivery endpoints).
 */
export function endpointUrlProblem(value: string, options: { production: boolean }): string | null {
  const problem = endpointUrlRule(value, { production: options.production, maxLength: URL_MAX_LENGTH });
  return problem ? `${E}.${ENDPOINT_URL_MESSAGE[problem]}` : null;
}

/** A secret goes into an HTTP header: visible ASCII only, no spaces. */
export const SecretSchema = z
  .string()
  .min(SECRET_MIN_LENGTH, `${E}.secretLength`)
  .max(SECRET_MAX_LENGTH, `${E}.secretLength`)
  .regex(/^[\x21-\x7e]+$/, `${E}.secretCharacters`);

/** The raw form fields (all strings, "" when empty; checkboxes "on" when ticked). */
export const SettingsFormSchema = z.object({
  enabled: z.enum(["on", "off"], `${E}.enabledRequired`),
  url: z.string().trim().max(URL_MAX_LENGTH, `${E}.urlTooLong`),
  // Never trimmed: a secret is used exactly as typed (the character rule refuses spaces anyway).
  secret: z.string().max(SECRET_MAX_LENGTH, `${E}.secretLength`),
  removeSecret: z.string().transform((v) => v === "on"),
});

/** The form as submitted: strings, checked by SettingsFormSchema. */
export type SettingsFormInput = Record<keyof z.input<typeof SettingsFormSchema>, string>;
