import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AdminBreadcrumb } from "@/components/admin/admin-breadcrumb";
import { AdminForm } from "@/components/admin/admin-form";
import { updateUserAction } from "@/lib/actions/users";
import { requireRole } from "@/lib/auth/guard";
import { decodeRouteParam } from "@/lib/domain/route-param";
import { findCreateUserChoices } from "@/lib/server/users/create-user";
import { getManagedUser } from "@/lib/server/users/update-user";

type Props = { params: Promise<{ locale: string; username: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "admin.users" });
  return { title: t("editMeta") };
}

/**
 * Editing an account (product §11): name, email, role, board or school, language. OCAS administrators any account;
 * board administrators their board's accounts only — any other, and any unknown username, is the 404 page.
 */
export default async function EditUserPage({ params }: Props) {
  const { locale: raw, username: rawUsername } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const username = decodeRouteParam(rawUsername);
  const actor = await requireRole(["OCAS_ADMIN", "BOARD_ADMIN"], `/${locale}/admin/users/${encodeURIComponent(username)}`);
  const [user, choices] = await Promise.all([getManagedUser({ actor, username }), findCreateUserChoices({ actor })]);
  if (!user) notFound();
  const [t, tRoles] = await Promise.all([getTranslations("admin"), getTranslations("roles")]);
  const name = (o: { nameEn: string; nameFr: string }) => (locale === "fr" ? o.nameFr : o.nameEn);
  const boardName = new Map(choices.boards.map((b) => [b.id, name(b)]));
  const isOcas = actor.role === "OCAS_ADMIN";
  return (
    <>
      <AdminBreadcrumb section={{ href: "/admin/users", label: t("users.title") }} />
      <h1 className="mb-1 text-2xl font-semibold break-normal">{t("users.editTitle", { username: user.username })}</h1>
      <p className="mb-4 max-w-3xl text-sm text-gray-700">{t("users.editIntro")}</p>
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        <AdminForm
          action={updateUserAction}
          hidden={{ username: user.username, version: user.updatedAt.toISOString() }}
          fields={[
            { kind: "text", name: "displayName", label: t("users.displayName"), defaultValue: user.displayName, maxLength: 100, required: true },
            {
              kind: "text",
              name: "email",
              type: "email",
              inputMode: "email",
              label: t("users.email"),
              defaultValue: user.email,
              maxLength: 254,
              required: true,
            },
            {
              kind: "select",
              name: "role",
              label: t("users.role"),
              defaultValue: user.role,
              options: choices.roles.map((r) => ({ value: r, label: tRoles(r) })),
            },
            ...(isOcas
              ? [
                  {
                    kind: "select",
                    name: "boardId",
                    label: t("users.board"),
                    hint: t("users.boardHint"),
                    placeholder: t("users.chooseBoard"),
                    defaultValue: user.role === "SCHOOL_USER" ? "" : (user.boardId ?? ""),
                    options: choices.boards.map((b) => ({ value: b.id, label: `${name(b)} (${b.number})` })),
                  } as const,
                ]
              : []),
            {
              kind: "select",
              name: "schoolId",
              label: t("users.school"),
              hint: t("users.schoolHint"),
              placeholder: t("users.chooseSchool"),
              defaultValue: user.schoolId ?? "",
              options: choices.schools.map((s) => ({ value: s.id, label: `${name(s)} (${s.mident}) – ${boardName.get(s.boardId) ?? ""}` })),
            },
            {
              kind: "select",
              name: "language",
              label: t("users.language"),
              hint: t("users.languageHint"),
              defaultValue: user.language === "fr" ? "fr" : "en",
              options: [
                { value: "en", label: t("users.languages.en") },
                { value: "fr", label: t("users.languages.fr") },
              ],
            },
          ]}
          submitLabel={t("users.save")}
          pendingLabel={t("users.saving")}
        />
      </section>
    </>
  );
}
