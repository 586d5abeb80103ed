"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { createUserAction } from "@/lib/actions/users";
import { initialActionResult } from "@/lib/actions/result";
import type { Role } from "@/lib/auth/roles";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useMessage } from "@/components/ui/use-message";

export type Choice = { id: string; label: string };
export type SchoolGroup = { label: string; schools: Choice[] };

type Props = {
  /** The roles the actor may grant. */
  roles: Role[];
  /** Boards to choose from (OCAS administrators); null when new users join the actor's own board. */
  boards: Choice[] | null;
  /** The actor's own board, shown instead of the board choice. */
  ownBoard: string | null;
  /** Schools in the actor's scope, by board. */
  schoolGroups: SchoolGroup[];
  defaultLanguage: "en" | "fr";
};

/** Creating an account: the server emails a temporary password to the new user. */
export function CreateUserForm({ roles, boards, ownBoard, schoolGroups, defaultLanguage }: Props) {
  const t = useTranslations("admin.users");
  const tr = useTranslations("roles");
  const m = useMessage();
  const [state, action, pending] = useActionState(createUserAction, initialActionResult);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = (field: string) => state.fieldErrors?.[field]?.map((k) => m(k));
  const field = (name: string) => state.fields?.[name] ?? "";
  const hasFieldErrors = Boolean(state.fieldErrors && Object.keys(state.fieldErrors).length > 0);

  // Errors: take the keyboard to the first field to correct (the summary above is announced).
  useEffect(() => {
    if (hasFieldErrors) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state, hasFieldErrors]);

  return (
    <form ref={formRef} action={action} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-gray-700">{t("createIntro")}</p>
      {state.ok && state.messageKey && <Notice tone="success">{m(state.messageKey, state.values)}</Notice>}
      {!state.ok && state.messageKey && <Notice tone="error">{m(state.messageKey, state.values)}</Notice>}
      {hasFieldErrors && <Notice tone="error">{t("fixErrors")}</Notice>}
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <TextField
          name="username"
          label={t("username")}
          hint={t("usernameHint")}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          required
          maxLength={50}
          defaultValue={field("username")}
          key={`username-${field("username")}`}
          errors={errors("username")}
        />
        <TextField
          name="displayName"
          label={t("displayName")}
          autoComplete="off"
          required
          maxLength={100}
          defaultValue={field("displayName")}
          key={`displayName-${field("displayName")}`}
          errors={errors("displayName")}
        />
        <TextField
          name="email"
          type="email"
          label={t("email")}
          autoComplete="off"
          required
          maxLength={254}
          defaultValue={field("email")}
          key={`email-${field("email")}`}
          errors={errors("email")}
        />
        <SelectField name="role" label={t("role")} required defaultValue={field("role")} key={`role-${field("role")}`} errors={errors("role")}>
          <option value="">{t("chooseRole")}</option>
          {roles.map((role) => (
            <option key={role} value={role}>
              {tr(role)}
            </option>
          ))}
        </SelectField>
        {boards ? (
          <SelectField
            name="boardId"
            label={t("board")}
            hint={t("boardHint")}
            defaultValue={field("boardId")}
            key={`board-${field("boardId")}`}
            errors={errors("boardId")}
          >
            <option value="">{t("chooseBoard")}</option>
            {boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.label}
              </option>
            ))}
          </SelectField>
        ) : (
          ownBoard && (
            <div className="flex flex-col gap-1">
              <span className="text-sm font-medium text-gray-800">{t("board")}</span>
              <p className="py-2 text-sm text-gray-700">{t("joinsBoard", { board: ownBoard })}</p>
            </div>
          )
        )}
        <SelectField
          name="schoolId"
          label={t("school")}
          hint={t("schoolHint")}
          defaultValue={field("schoolId")}
          key={`school-${field("schoolId")}`}
          errors={errors("schoolId")}
        >
          <option value="">{t("chooseSchool")}</option>
          {schoolGroups.length === 1
            ? schoolGroups[0]!.schools.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))
            : schoolGroups.map((g) => (
                <optgroup key={g.label} label={g.label}>
                  {g.schools.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                </optgroup>
              ))}
        </SelectField>
        <SelectField
          name="language"
          label={t("language")}
          hint={t("languageHint")}
          required
          defaultValue={field("language") || defaultLanguage}
          key={`language-${field("language")}`}
          errors={errors("language")}
        >
          <option value="en">{t("languages.en")}</option>
          <option value="fr">{t("languages.fr")}</option>
        </SelectField>
      </div>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t("creating") : t("create")}
        </Button>
      </div>
    </form>
  );
}
