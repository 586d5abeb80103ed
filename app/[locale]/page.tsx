import { redirect } from "@/lib/i18n/navigation";

export default async function LocaleHome({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  redirect({ href: "/requests", locale: locale as "en" | "fr" });
}
