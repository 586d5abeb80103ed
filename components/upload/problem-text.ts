import type { UploadProblem } from "@/lib/actions/form";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A refused file's problem in the user's words: the message, at its line, in its transcript of a batch file. */
export function problemText(m: Translate, problem: UploadProblem): string {
  let message = m(problem.messageKey, problem.values);
  if (problem.line !== undefined) message = m("pesc.atLine", { line: problem.line, message });
  if (problem.document !== undefined) message = m("pesc.inDocument", { number: problem.document, message });
  return message;
}
