import type { ReactNode, SelectHTMLAttributes } from "react";
import { CONTROL_CLASS, Field } from "./field";

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "className"> & {
  name: string;
  label: ReactNode;
  /** Already translated messages. */
  errors?: string[];
  hint?: ReactNode;
  /** For the field as a whole, not the select. */
  className?: string;
  children: ReactNode;
};

/** A labelled native select whose errors and hint are announced with it, like TextField. */
export function SelectField({ name, label, errors, hint, id, className, children, ...props }: Props) {
  return (
    <Field id={id ?? `field-${name}`} label={label} hint={hint} errors={errors} className={className}>
      {(control) => (
        <select {...control} name={name} className={CONTROL_CLASS} {...props}>
          {children}
        </select>
      )}
    </Field>
  );
}
