import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { Notice } from "@/components/ui/notice";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "auth" });
  return { title: t("signIn") };
}

export default async function LoginPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en" | "fr");
  const query = await searchParams;
  const t = await getTranslations("auth");
  const callbackUrl = typeof query.callbackUrl === "string" ? query.callbackUrl : undefined;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("signIn")}</h1>
      <div className="mb-4 flex flex-col gap-2">
        {query.signedOut && <Notice tone="info">{t("signedOut")}</Notice>}
        {query.reset && <Notice tone="success">{t("resetDone")}</Notice>}
      </div>
      <LoginForm callbackUrl={callbackUrl} />
    </>
  );
}
