import type { InputHTMLAttributes, ReactNode } from "react";
import { CONTROL_CLASS, Field } from "./field";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "className"> & {
  name: string;
  label: ReactNode;
  /** Already translated messages. */
  errors?: string[];
  hint?: ReactNode;
  /** For the field as a whole (its width in a grid), not the input. */
  className?: string;
};

/** A labelled input whose errors and hint are announced with it. */
export function TextField({ name, label, errors, hint, id, className, ...props }: Props) {
  return (
    <Field id={id ?? `field-${name}`} label={label} hint={hint} errors={errors} className={className}>
      {(control) => <input {...control} name={name} className={CONTROL_CLASS} {...props} />}
    </Field>
  );
}
