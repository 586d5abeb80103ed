import type { ReactNode } from "react";

export type Field = { label: string; value: ReactNode };

/** Label–value pairs; an empty value shows as a dash, so that "none" and "not loaded" never look alike. */
export function FieldList({ fields, empty }: { fields: Field[]; empty: string }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[minmax(10rem,max-content)_1fr]">
      {fields.map((f) => (
        <div key={f.label} className="contents">
          <dt className="font-medium text-gray-700">{f.label}</dt>
          <dd className="mb-1 break-words sm:mb-0">{f.value === null || f.value === undefined || f.value === "" ? empty : f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
