// What a database error means, whichever database answered (Prisma maps both to its own codes).

/** A unique constraint refused the write (Prisma P2002): someone else wrote the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
