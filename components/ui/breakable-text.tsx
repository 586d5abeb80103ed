import { Fragment } from "react";

/**
 * A long identifier (a username, an email address) that may wrap only at its natural points — after a period, "@",
 * a hyphen or an underscore — never in the middle of a word: a word-break opportunity (<wbr>) at each, with the
 * browser's normal breaking rules otherwise (Tailwind `break-normal`). Copying the text copies it whole.
 */
export function BreakableText({ text }: { text: string }) {
  const parts = text.split(/(?<=[.@_-])/);
  return (
    <span className="break-normal">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
