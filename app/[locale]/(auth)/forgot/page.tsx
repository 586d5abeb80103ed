import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ForgotForm } from "@/components/auth/forgot-form";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "auth" });
  return { title: t("forgotTitle") };
}

export default async function ForgotPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en" | "fr");
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("forgotTitle")}</h1>
      <ForgotForm />
    </>
  );
}
