import clsx from "clsx";
import type { ReactNode, SelectHTMLAttributes } from "react";

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  name: string;
  label: ReactNode;
  /** Already translated messages. */
  errors?: string[];
  hint?: ReactNode;
  children: ReactNode;
};

/** A labelled native select whose errors and hint are announced with it, like TextField. */
export function SelectField({ name, label, errors, hint, id, className, children, ...props }: Props) {
  const selectId = id ?? `field-${name}`;
  const hintId = hint ? `${selectId}-hint` : undefined;
  const errorId = errors && errors.length > 0 ? `${selectId}-error` : undefined;
  return (
    <div className={clsx("flex flex-col gap-1", className)}>
      <label htmlFor={selectId} className="text-sm font-medium text-gray-800">
        {label}
      </label>
      <select
        id={selectId}
        name={name}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={clsx("rounded-md border bg-white px-3 py-2 text-sm shadow-sm", errorId ? "border-red-600" : "border-gray-300")}
        {...props}
      >
        {children}
      </select>
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
