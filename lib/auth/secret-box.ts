import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Board SIS secrets are stored encrypted (AES-256-GCM) with a key derived from AUTH_SECRET, because TRMS must send
// them back to the SIS as a bearer token (a hash would not do). A sealed value is "v1.<iv>.<tag>.<ciphertext>",
// base64url. It is never sent to a browser.

const VERSION = "v1";

function keyFor(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "trms-secret-box", "board-sis-secret", 32));
}

export function sealSecret(plain: string, authSecret: string = env().AUTH_SECRET): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(authSecret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(".");
}

/** The plain secret, or null when the value was not sealed with this AUTH_SECRET (or was tampered with). */
export function openSecret(sealed: string, authSecret: string = env().AUTH_SECRET): string | null {
  const [version, iv, tag, body, ...rest] = sealed.split(".");
  if (version !== VERSION || iv === undefined || tag === undefined || body === undefined || rest.length > 0) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(authSecret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
