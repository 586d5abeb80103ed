import clsx from "clsx";
import type { ReactNode } from "react";

/** What the control takes from its field: spread it on the input, select or textarea. */
export type FieldControl = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

type Props = {
  /** The control's id; its hint and errors get `${id}-hint` and `${id}-error`. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Already translated messages, listed under the control. */
  errors?: string[];
  /** An error shown elsewhere (a notice above the form): the control is invalid and described by it too. */
  externalErrorId?: string;
  className?: string;
  children: (control: FieldControl) => ReactNode;
};

/**
 * A label, a control, its hint and its errors, wired so that a screen reader reads the hint and the errors with
 * the control (aria-describedby) and knows it is invalid (aria-invalid), which is what forms announce.
 */
export function Field({ id, label, hint, errors, externalErrorId, className, children }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  const invalid = errorId !== undefined || externalErrorId !== undefined;
  return (
    <div className={clsx("field", className)}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": invalid || undefined, "aria-describedby": [hintId, errorId, externalErrorId].filter(Boolean).join(" ") || undefined })}
      {hint && (
        <p id={hintId} className="text-xs text-gray-600">
          {hint}
        </p>
      )}
      {errorId && (
        <ul id={errorId} className="text-sm text-red-700">
          {errors!.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The box of a text input, select or textarea (app/globals.css): red once the control has `aria-invalid`. */
export const CONTROL_CLASS = "control";
