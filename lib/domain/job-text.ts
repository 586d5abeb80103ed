// Text kept with background runs: one line, bounded, never a stack trace.

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "Name: message", one line. */
export function describeError(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
    const name = "name" in error && typeof error.name === "string" ? error.name : "Error";
    return `${name}: ${error.message}`.replace(/\s+/g, " ");
  }
  return String(error);
}

/** A run's output as stored: JSON, truncated. */
export function summarizeOutput(output: unknown, max = 1_000): string | null {
  if (output === undefined || output === null) return null;
  let text: string;
  try {
    text = JSON.stringify(output);
  } catch {
    text = String(output);
  }
  return truncate(text, max);
}
