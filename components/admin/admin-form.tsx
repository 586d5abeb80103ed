"use client";

import { useActionState, useEffect, useRef } from "react";
import { useLocale } from "next-intl";
import { initialActionResult, type ActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useMessage } from "@/components/ui/use-message";

// One form for the administration pages (boards, schools, colleges, settings, users; contracts §10): labelled fields
// whose errors are announced with them, the action's answer above them (errors at once, confirmations politely), the
// values put back after a refusal, and the focus on the first field to correct. Labels come translated from the page.

type Common = { name: string; label: string; hint?: string };
export type AdminFieldSpec =
  | (Common & {
      kind: "text";
      defaultValue?: string;
      type?: "text" | "email" | "number";
      inputMode?: "text" | "numeric" | "email";
      maxLength?: number;
      autoComplete?: string;
      required?: boolean;
      className?: string;
    })
  | (Common & { kind: "select"; defaultValue?: string; options: { value: string; label: string }[]; placeholder?: string; required?: boolean })
  | (Common & { kind: "checkbox"; defaultChecked: boolean });

type Props = {
  action: (previous: ActionResult, form: FormData) => Promise<ActionResult>;
  /** Hidden fields: the entity's key and version. */
  hidden?: Record<string, string>;
  fields: AdminFieldSpec[];
  submitLabel: string;
  pendingLabel: string;
  /** A message shown before the first answer (already translated), e.g. "The school was added". */
  notice?: string;
  /** For tests and labels: the form's accessible name. */
  ariaLabel?: string;
};

export function AdminForm({ action, hidden = {}, fields, submitLabel, pendingLabel, notice, ariaLabel }: Props) {
  const locale = useLocale();
  const m = useMessage();
  const [state, formAction, pending] = useActionState(action, initialActionResult);
  const formRef = useRef<HTMLFormElement>(null);
  const hasFieldErrors = Boolean(state.fieldErrors && Object.keys(state.fieldErrors).length > 0);
  // After a refused save, the form shows what was submitted; a new key makes React take the new default values.
  const refill = !state.ok ? state.fields : undefined;
  const fieldsKey = JSON.stringify(refill ?? {}) + (hidden.version ?? "");
  const errors = (name: string) => state.fieldErrors?.[name]?.map((k) => m(k));

  useEffect(() => {
    if (hasFieldErrors) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state, hasFieldErrors]);

  return (
    <form ref={formRef} action={formAction} className="flex max-w-3xl flex-col gap-5" noValidate aria-label={ariaLabel}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="locale" value={locale} />
      {state.messageKey ? (
        <Notice tone={state.ok ? "success" : "error"}>{m(state.messageKey, state.values)}</Notice>
      ) : (
        notice && <Notice tone="success">{notice}</Notice>
      )}

      {fields.map((f) => {
        const key = `${f.name}-${fieldsKey}`;
        switch (f.kind) {
          case "text":
            return (
              <TextField
                key={key}
                name={f.name}
                label={f.label}
                hint={f.hint}
                type={f.type ?? "text"}
                inputMode={f.inputMode}
                maxLength={f.maxLength}
                autoComplete={f.autoComplete ?? "off"}
                aria-required={f.required || undefined}
                defaultValue={refill?.[f.name] ?? f.defaultValue ?? ""}
                errors={errors(f.name)}
                className={f.className}
              />
            );
          case "select":
            return (
              <SelectField
                key={key}
                name={f.name}
                label={f.label}
                hint={f.hint}
                aria-required={f.required || undefined}
                defaultValue={refill?.[f.name] ?? f.defaultValue ?? ""}
                errors={errors(f.name)}
                className="max-w-xl"
              >
                {f.placeholder !== undefined && <option value="">{f.placeholder}</option>}
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </SelectField>
            );
          case "checkbox": {
            const id = `field-${f.name}`;
            return (
              <div key={key} className="flex flex-col gap-1">
                <div className="flex items-center gap-2">
                  <input
                    id={id}
                    type="checkbox"
                    name={f.name}
                    defaultChecked={refill ? refill[f.name] === "on" : f.defaultChecked}
                    aria-describedby={f.hint ? `${id}-hint` : undefined}
                    className="h-4 w-4"
                  />
                  <label htmlFor={id} className="text-sm font-medium text-gray-800">
                    {f.label}
                  </label>
                </div>
                {f.hint && (
                  <p id={`${id}-hint`} className="text-xs text-gray-600">
                    {f.hint}
                  </p>
                )}
              </div>
            );
          }
        }
      })}

      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </div>
    </form>
  );
}
