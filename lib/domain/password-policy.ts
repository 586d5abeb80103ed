// The password policy shown on the change and reset forms (messages `auth.passwordPolicy`).
export const PASSWORD_MIN_LENGTH = 12;
// bcrypt reads at most 72 bytes: a longer password would be silently truncated, so it is refused.
export const PASSWORD_MAX_BYTES = 72;

export type PasswordProblem = "tooShort" | "tooLong" | "needsUpper" | "needsLower" | "needsDigit" | "needsSymbol" | "sameAsUsername" | "sameAsCurrent";

export function passwordProblems(password: string, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push("tooShort");
  if (new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES) problems.push("tooLong");
  if (!/\p{Lu}/u.test(password)) problems.push("needsUpper");
  if (!/\p{Ll}/u.test(password)) problems.push("needsLower");
  if (!/\p{Nd}/u.test(password)) problems.push("needsDigit");
  if (!/[^\p{L}\p{Nd}\s]/u.test(password)) problems.push("needsSymbol");
  if (username && password.toLowerCase() === username.toLowerCase()) problems.push("sameAsUsername");
  return problems;
}

const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const LOWER = "abcdefghijkmnopqrstuvwxyz";
const DIGITS = "23456789";
const SYMBOLS = "!@#$%*-_+=?";

/** A temporary password that meets the policy; unambiguous characters only (it is read from an email). */
export function generateTemporaryPassword(randomInt: (maxExclusive: number) => number, length = 16): string {
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const pick = (set: string) => set[randomInt(set.length)]!;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
