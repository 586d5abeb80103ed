// A file size in the unit a reader expects (a batch of a few kB, or of 20 MB), for Intl.NumberFormat's unit style,
// whose units are decimal (1 kB = 1,000 bytes).

export type ByteSizeUnit = "byte" | "kilobyte" | "megabyte" | "gigabyte";

/** The size in the largest unit that keeps the value at 1 or more, with at most one decimal. */
export function byteSize(bytes: number): { value: number; unit: ByteSizeUnit; maximumFractionDigits: number } {
  const units: ByteSizeUnit[] = ["byte", "kilobyte", "megabyte", "gigabyte"];
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return { value, unit: units[i]!, maximumFractionDigits: i === 0 ? 0 : 1 };
}
