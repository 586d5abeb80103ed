// A file size in the unit a reader expects (a batch of a few KB, or of 20 MB), for Intl.NumberFormat's unit style.

export type ByteSizeUnit = "byte" | "kilobyte" | "megabyte" | "gigabyte";

/** The size in the largest unit (1024-based) that keeps the value at 1 or more, with at most one decimal. */
export function byteSize(bytes: number): { value: number; unit: ByteSizeUnit; maximumFractionDigits: number } {
  const units: ByteSizeUnit[] = ["byte", "kilobyte", "megabyte", "gigabyte"];
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return { value, unit: units[i]!, maximumFractionDigits: i === 0 ? 0 : 1 };
}
