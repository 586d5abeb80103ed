"use client";

import clsx from "clsx";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Ban, CheckCircle2, KeyRound } from "lucide-react";
import { userAccountAction } from "@/lib/actions/users";
import { initialActionResult } from "@/lib/actions/result";
import type { Role } from "@/lib/auth/roles";
import { Notice } from "@/components/ui/notice";
import { useMessage } from "@/components/ui/use-message";

export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  email: string;
  role: Role;
  /** Names in the page's language. */
  board: string | null;
  school: string | null;
  language: "en" | "fr";
  active: boolean;
  mustChangePassword: boolean;
  isSelf: boolean;
};

const ACTION_BUTTON =
  "rounded-md border border-gray-300 bg-white px-2 py-1 text-xs font-semibold text-gray-900 hover:bg-gray-50";

/** The accounts the actor manages, each with its actions; the outcome of an action is announced above the table. */
export function UsersTable({ users, caption }: { users: UserRow[]; caption: string }) {
  const t = useTranslations("admin.users");
  const tr = useTranslations("roles");
  const none = useTranslations("common")("none");
  const m = useMessage();
  const [state, action, pending] = useActionState(userAccountAction, initialActionResult);
  return (
    <div className="flex flex-col gap-3">
      {state.messageKey && <Notice tone={state.ok ? "success" : "error"}>{m(state.messageKey, state.values)}</Notice>}
      <table className="w-full border-collapse text-left text-sm" aria-busy={pending}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {(["username", "name", "email", "role", "placement", "language", "status", "actions"] as const).map((c) => (
              <th key={c} scope="col" className="sticky top-0 border-b border-gray-300 bg-gray-50 px-2 py-2 font-semibold text-gray-800">
                {t(`columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-200 bg-white">
          {users.map((u) => (
            <tr key={u.id} className={clsx(!u.active && "bg-gray-50 text-gray-600")}>
              <th scope="row" className="px-2 py-1.5 font-medium break-all">
                {u.username}
                {u.isSelf && <span className="ml-1 font-normal text-gray-600">{t("you")}</span>}
              </th>
              <td className="px-2 py-1.5">{u.displayName}</td>
              <td className="px-2 py-1.5 break-all">{u.email}</td>
              <td className="px-2 py-1.5">{tr(u.role)}</td>
              <td className="px-2 py-1.5">
                {u.school ?? u.board ?? none}
                {u.school && u.board && <div className="text-xs text-gray-600">{u.board}</div>}
              </td>
              <td className="px-2 py-1.5">{t(`languages.${u.language}`)}</td>
              <td className="px-2 py-1.5">
                <Status active={u.active} temporary={u.mustChangePassword} />
              </td>
              <td className="px-2 py-1.5">
                {!u.isSelf && (
                  <div className="flex flex-wrap gap-1">
                    <form action={action}>
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="intent" value={u.active ? "deactivate" : "reactivate"} />
                      <button
                        type="submit"
                        className={ACTION_BUTTON}
                        aria-label={u.active ? t("deactivateUser", { username: u.username }) : t("reactivateUser", { username: u.username })}
                      >
                        {u.active ? t("deactivate") : t("reactivate")}
                      </button>
                    </form>
                    {u.active && (
                      <form action={action}>
                        <input type="hidden" name="userId" value={u.id} />
                        <input type="hidden" name="intent" value="resend" />
                        <button type="submit" className={ACTION_BUTTON} aria-label={t("resendUser", { username: u.username })}>
                          {t("resend")}
                        </button>
                      </form>
                    )}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Colour, icon and text: never colour alone. */
function Status({ active, temporary }: { active: boolean; temporary: boolean }) {
  const t = useTranslations("admin.users.status");
  return (
    <div className="flex flex-col items-start gap-1">
      {active ? (
        <span className="inline-flex items-center gap-1 rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-900">
          <CheckCircle2 aria-hidden className="h-3.5 w-3.5" />
          {t("active")}
        </span>
      ) : (
        <span className="inline-flex items-center gap-1 rounded-full bg-gray-200 px-2 py-0.5 text-xs font-medium text-gray-900">
          <Ban aria-hidden className="h-3.5 w-3.5" />
          {t("deactivated")}
        </span>
      )}
      {temporary && (
        <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900">
          <KeyRound aria-hidden className="h-3.5 w-3.5" />
          {t("temporaryPassword")}
        </span>
      )}
    </div>
  );
}
