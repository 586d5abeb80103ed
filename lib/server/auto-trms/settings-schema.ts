import "server-only";
import { z } from "zod";

// The Auto-TRMS settings form (product §6). Messages are message keys, translated by the form.

export const URL_MAX_LENGTH = 2000;
export const SECRET_MIN_LENGTH = 12;
export const SECRET_MAX_LENGTH = 500;

const E = "admin.autoTrms.errors";
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The message key of what is wrong with an endpoint URL, or null when it may be used. HTTPS is required: the secret
 * travels with every request. Plain HTTP is allowed to the machine itself outside production, for the SIS double
 * of the demo and the tests.
 */
export function endpointUrlProblem(value: string, options: { production: boolean }): string | null {
  if (value.length > URL_MAX_LENGTH) return `${E}.urlTooLong`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${E}.urlInvalid`;
  }
  // A user name or password in the address would be stored and logged in clear: the secret field is the place.
  if (url.username || url.password) return `${E}.urlCredentials`;
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && !options.production && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return options.production ? `${E}.urlHttps` : `${E}.urlHttpsOrLocal`;
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
