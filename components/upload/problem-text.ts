import type { UploadProblem } from "@/lib/actions/form";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * A refused file's problem in the user's words: the message, at its line, in its transcript of a batch file. The XML
 * parser's own detail is in English: it follows the sentence, labelled, never inside a French one.
 */
export function problemText(m: Translate, problem: UploadProblem): string {
  const { detail, ...values } = problem.values ?? {};
  let message = m(problem.messageKey, values);
  if (problem.line !== undefined) message = m("pesc.atLine", { line: problem.line, message });
  if (problem.document !== undefined) message = m("pesc.inDocument", { number: problem.document, message });
  return typeof detail === "string" && detail.trim() !== "" ? `${message} ${m("pesc.parserDetail", { detail: detail.trim() })}` : message;
}
