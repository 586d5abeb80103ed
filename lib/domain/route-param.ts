/** A route parameter as the user typed it; a malformed escape (`%E0%A4%A`) is simply an unknown page (""). */
export function decodeRouteParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return "";
  }
}
