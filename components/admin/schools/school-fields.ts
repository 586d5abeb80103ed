import type { AdminFieldSpec } from "@/components/admin/admin-form";

type T = (key: string, values?: Record<string, string>) => string;
type BoardChoice = { number: string; nameEn: string; nameFr: string; active: boolean };

/** The fields of the school form, new or existing (the MIDENT only when new: it never changes). */
export function schoolFields(
  t: T,
  locale: "en" | "fr",
  boards: BoardChoice[],
  school: { mident?: string; nameEn: string; nameFr: string; city: string | null; board: { number: string }; active: boolean } | null,
  defaultBoard?: string,
): AdminFieldSpec[] {
  return [
    ...(school?.mident
      ? []
      : [
          {
            kind: "text",
            name: "mident",
            label: t("schools.mident"),
            hint: t("schools.midentHint"),
            inputMode: "numeric",
            maxLength: 6,
            required: true,
            className: "max-w-xs",
          } as const,
        ]),
    { kind: "text", name: "nameEn", label: t("form.nameEn"), defaultValue: school?.nameEn, maxLength: 200, required: true },
    { kind: "text", name: "nameFr", label: t("form.nameFr"), defaultValue: school?.nameFr, maxLength: 200, required: true },
    { kind: "text", name: "city", label: t("schools.city"), hint: t("schools.cityHint"), defaultValue: school?.city ?? "", maxLength: 100 },
    {
      kind: "select",
      name: "board",
      label: t("schools.board"),
      hint: school ? t("schools.boardHint") : undefined,
      placeholder: t("schools.chooseBoard"),
      defaultValue: school?.board.number ?? defaultBoard ?? "",
      required: true,
      options: boards.map((b) => ({
        value: b.number,
        label: `${t("schools.boardOption", { board: locale === "fr" ? b.nameFr : b.nameEn, number: b.number })}${b.active ? "" : ` ${t("schools.inactiveSuffix")}`}`,
      })),
    },
    { kind: "checkbox", name: "active", label: t("form.active"), hint: t("schools.activeHint"), defaultChecked: school?.active ?? true },
  ];
}
