import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";

/** The 404 page's words. Next renders a segment's not-found page with every page under it: it reads nothing. */
export async function NotFoundBody() {
  const t = await getTranslations("errors");
  const nav = await getTranslations("nav");
  return (
    <div className="mx-auto w-full max-w-xl p-8">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-gray-700">{t("notFoundBody")}</p>
      <p className="mt-4">
        <Link href="/requests">{nav("requests")}</Link>
      </p>
    </div>
  );
}
