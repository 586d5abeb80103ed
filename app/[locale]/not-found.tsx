import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/guard";
import { Link } from "@/lib/i18n/navigation";
import { AppHeader } from "@/components/layout/app-header";

// Also the 404 of the signed-in pages (an unknown or out-of-scope request): it keeps their header.
export default async function NotFound() {
  const t = await getTranslations("errors");
  const nav = await getTranslations("nav");
  const actor = await getActor();
  return (
    <div className="flex min-h-screen flex-col">
      {actor && <AppHeader actor={actor} />}
      <main id="main" className="mx-auto w-full max-w-xl p-8">
        <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
        <p className="mt-2 text-gray-700">{t("notFoundBody")}</p>
        <p className="mt-4">
          <Link href="/requests">{nav("requests")}</Link>
        </p>
      </main>
    </div>
  );
}
