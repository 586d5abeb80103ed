import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";

export default async function NotFound() {
  const t = await getTranslations("errors");
  const nav = await getTranslations("nav");
  return (
    <main id="main" className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-gray-700">{t("notFoundBody")}</p>
      <p className="mt-4">
        <Link href="/requests">{nav("requests")}</Link>
      </p>
    </main>
  );
}
