import type { AdminFieldSpec } from "@/components/admin/admin-form";

type T = (key: string) => string;

/** The fields of the board form, new or existing (the number only when new: it never changes). */
export function boardFields(
  t: T,
  board: { number?: string; nameEn: string; nameFr: string; language: string; escalationEmail: string | null; active: boolean } | null,
): AdminFieldSpec[] {
  return [
    ...(board?.number
      ? []
      : [
          {
            kind: "text",
            name: "number",
            label: t("boards.number"),
            hint: t("boards.numberHint"),
            inputMode: "numeric",
            maxLength: 5,
            required: true,
            className: "max-w-xs",
          } as const,
        ]),
    { kind: "text", name: "nameEn", label: t("form.nameEn"), defaultValue: board?.nameEn, maxLength: 200, required: true },
    { kind: "text", name: "nameFr", label: t("form.nameFr"), defaultValue: board?.nameFr, maxLength: 200, required: true },
    {
      kind: "select",
      name: "language",
      label: t("form.language"),
      hint: t("boards.languageHint"),
      defaultValue: board?.language ?? "en",
      options: [
        { value: "en", label: t("form.languages.en") },
        { value: "fr", label: t("form.languages.fr") },
      ],
    },
    {
      kind: "text",
      name: "escalationEmail",
      type: "email",
      inputMode: "email",
      label: t("boards.escalationEmail"),
      hint: t("boards.escalationEmailHint"),
      defaultValue: board?.escalationEmail ?? "",
      maxLength: 254,
    },
    { kind: "checkbox", name: "active", label: t("form.active"), hint: t("boards.activeHint"), defaultChecked: board?.active ?? true },
  ];
}
