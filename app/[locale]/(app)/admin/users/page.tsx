import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { CreateUserForm, type SchoolGroup } from "@/components/admin/create-user-form";
import { AdminPagination } from "@/components/admin/admin-pagination";
import { UsersTable, type UserRow } from "@/components/admin/users-table";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { requireRole } from "@/lib/auth/guard";
import { Link } from "@/lib/i18n/navigation";
import { findCreateUserChoices } from "@/lib/server/users/create-user";
import { findUsersPage, userFiltersOf, USERS_PAGE_SIZE } from "@/lib/server/users/list-users";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "admin.users" });
  return { title: t("title") };
}

export default async function AdminUsersPage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const actor = await requireRole(["OCAS_ADMIN", "BOARD_ADMIN"], `/${locale}/admin/users`);
  const t = await getTranslations("admin");
  const filters = userFiltersOf(await searchParams);
  const [found, choices] = await Promise.all([findUsersPage({ actor, ...filters }), findCreateUserChoices({ actor })]);
  const users = found.users;
  const name = (o: { nameEn: string; nameFr: string }) => (locale === "fr" ? o.nameFr : o.nameEn);

  const rows: UserRow[] = users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    board: u.board ? name(u.board) : null,
    school: u.school ? name(u.school) : null,
    language: u.language,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    isSelf: u.id === actor.id,
  }));
  const schoolGroups: SchoolGroup[] = choices.boards
    .map((b) => ({
      label: name(b),
      schools: choices.schools.filter((s) => s.boardId === b.id).map((s) => ({ id: s.id, label: `${name(s)} (${s.mident})` })),
    }))
    .filter((g) => g.schools.length > 0);
  const isOcas = actor.role === "OCAS_ADMIN";
  const caption = `${t("users.listTitle")} – ${t("users.count", { count: found.total })}`;
  const query: Record<string, string> = filters.q ? { q: filters.q } : {};

  return (
    <>
      <nav aria-label={t("users.breadcrumb")} className="mb-2 text-sm">
        <Link href="/admin">{t("title")}</Link>
      </nav>
      <h1 className="mb-1 text-2xl font-semibold">{t("users.title")}</h1>
      <p className="mb-6 text-sm text-gray-700">{isOcas || !actor.board ? t("users.scopeAll") : t("users.scopeBoard", { board: name(actor.board) })}</p>

      <section aria-labelledby="create-user-heading" className="mb-8 rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="create-user-heading" className="mb-2 text-lg font-semibold">
          {t("users.createTitle")}
        </h2>
        <CreateUserForm
          roles={choices.roles}
          boards={isOcas ? choices.boards.map((b) => ({ id: b.id, label: `${name(b)} (${b.number})` })) : null}
          ownBoard={!isOcas && actor.board ? name(actor.board) : null}
          schoolGroups={schoolGroups}
          defaultLanguage={locale}
        />
      </section>

      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-2 text-lg font-semibold">
          {t("users.listTitle")} <span className="text-sm font-normal text-gray-600">({t("users.count", { count: found.total })})</span>
        </h2>
        <form key={filters.q} method="get" role="search" aria-label={t("users.searchLabel")} className="mb-3 flex flex-wrap items-end gap-3">
          <TextField name="q" id="users-q" type="search" label={t("users.q")} defaultValue={filters.q} maxLength={100} autoComplete="off" />
          <div className="flex items-center gap-3 pb-0.5">
            <Button type="submit">{t("users.search")}</Button>
            <Link href="/admin/users" className="text-sm">
              {t("users.clear")}
            </Link>
          </div>
        </form>
        {rows.length === 0 ? (
          <p className="text-sm text-gray-700">{filters.q ? t("users.emptyFiltered") : t("users.empty")}</p>
        ) : (
          <>
            <UsersTable users={rows} caption={caption} />
            <AdminPagination path="/admin/users" query={query} page={found.page} pageCount={found.pageCount} pageSize={USERS_PAGE_SIZE} total={found.total} />
          </>
        )}
      </section>
    </>
  );
}
