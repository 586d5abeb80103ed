import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { NewPasswordForm } from "@/components/auth/new-password-form";
import { requireActor } from "@/lib/auth/guard";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "auth" });
  return { title: t("changePasswordTitle") };
}

export default async function ChangePasswordPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en" | "fr");
  const actor = await requireActor(`/${locale}/change-password`, { allowTemporaryPassword: true });
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">{t("changePasswordTitle")}</h1>
      {actor.mustChangePassword && <p className="mb-4 text-sm text-gray-700">{t("changePasswordIntro")}</p>}
      <NewPasswordForm mode="change" askCurrent={!actor.mustChangePassword} />
    </>
  );
}
