"use client";

import clsx from "clsx";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Ban, CheckCircle2, KeyRound } from "lucide-react";
import { userAccountAction } from "@/lib/actions/users";
import { initialActionResult } from "@/lib/actions/result";
import type { Role } from "@/lib/auth/roles";
import { BreakableText } from "@/components/ui/breakable-text";
import { Notice } from "@/components/ui/notice";
import { Link } from "@/lib/i18n/navigation";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
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

const ACTION_BUTTON = "rounded-md border border-gray-300 bg-white px-2 py-1 text-xs font-semibold text-gray-900 hover:bg-gray-50";

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
      <Table caption={caption} aria-busy={pending}>
        <TableHead>
          {(["username", "name", "email", "role", "placement", "language", "status", "actions"] as const).map((c) => (
            <Th key={c} scope="col">
              {t(`columns.${c}`)}
            </Th>
          ))}
        </TableHead>
        <TableBody>
          {users.map((u) => (
            <tr key={u.id} className={clsx(!u.active && "bg-gray-50 text-gray-600")}>
              <Th scope="row">
                <Link href={`/admin/users/${encodeURIComponent(u.username)}`}>
                  <BreakableText text={u.username} />
                </Link>
                {u.isSelf && <span className="ml-1 font-normal text-gray-600">{t("you")}</span>}
              </Th>
              <Td>{u.displayName}</Td>
              <Td>
                <BreakableText text={u.email} />
              </Td>
              <Td>{tr(u.role)}</Td>
              <Td>
                {u.school ?? u.board ?? none}
                {u.school && u.board && <div className="text-xs text-gray-600">{u.board}</div>}
              </Td>
              <Td>{t(`languages.${u.language}`)}</Td>
              <Td>
                <Status active={u.active} temporary={u.mustChangePassword} />
              </Td>
              <Td>
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
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
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
