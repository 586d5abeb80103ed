import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { NewPasswordForm } from "@/components/auth/new-password-form";
import { Notice } from "@/components/ui/notice";
import { Link } from "@/lib/i18n/navigation";
import { isResetTokenUsable } from "@/lib/server/auth/password-reset";

type Props = { params: Promise<{ locale: string; token: string }> };

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "auth" });
  return { title: t("resetTitle"), referrer: "no-referrer" };
}

export default async function ResetPage({ params }: Props) {
  const { locale, token } = await params;
  setRequestLocale(locale as "en" | "fr");
  const t = await getTranslations("auth");
  const usable = await isResetTokenUsable(token);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("resetTitle")}</h1>
      {usable ? (
        <NewPasswordForm mode="reset" token={token} />
      ) : (
        <div className="flex flex-col gap-4">
          <Notice tone="error">{t("resetInvalid")}</Notice>
          <Link href="/forgot">{t("forgot")}</Link>
        </div>
      )}
    </>
  );
}
