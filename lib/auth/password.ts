import bcrypt from "bcryptjs";

// bcrypt with cost 12 (~0.25 s a check in pure JS): slow enough to blunt guessing, fast enough for sign-in.
// bcryptjs needs no native build (docs/decisions/0004-password-hashing.md).
export const BCRYPT_COST = 12;
// bcrypt reads at most 72 bytes; longer passwords are refused by the policy rather than silently truncated.
export const MAX_PASSWORD_BYTES = 72;

export function hashPassword(password: string, cost = BCRYPT_COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES) return Promise.resolve(false);
  return bcrypt.compare(password, hash);
}
