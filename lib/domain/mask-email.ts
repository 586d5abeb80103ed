/**
 * An address as the timeline shows it: enough for a clerk to recognise it, not enough to read it off a screen or
 * a log ("e•••@example.org"). Anything that is not an address is masked entirely.
 */
export function maskEmail(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) return "•••";
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  // The first character, counted as a code point so that an accented or emoji initial is not split.
  const first = Array.from(local)[0]!;
  return `${first}•••@${domain.toLowerCase()}`;
}
