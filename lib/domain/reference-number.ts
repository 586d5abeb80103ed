export const REFERENCE_NUMBER_PATTERN = /^REF-\d{8}$/;

const DIGITS = 8;
const RANGE = 10 ** DIGITS;

export function isReferenceNumber(s: string): boolean {
  return REFERENCE_NUMBER_PATTERN.test(s);
}

/**
 * `randomInt` is injected (crypto.randomInt in production) to keep this module pure and testable.
 * Uniqueness is the database's job: the caller retries on a unique-constraint conflict.
 */
export function generateReferenceNumber(randomInt: (maxExclusive: number) => number): string {
  const n = randomInt(RANGE);
  // A broken source would otherwise yield "REF-NaN" or nine digits and fail only at the database.
  if (!Number.isInteger(n) || n < 0 || n >= RANGE) throw new RangeError(`random source returned ${n}, outside [0, ${RANGE})`);
  return `REF-${String(n).padStart(DIGITS, "0")}`;
}
