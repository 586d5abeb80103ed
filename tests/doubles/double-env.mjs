// What the test doubles (SIS, college) share when run on their own: their settings from the environment, and a pause.

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A whole number ≥ 0 from the environment, or `fallback` when unset; anything else stops the double. */
export function integerEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}
