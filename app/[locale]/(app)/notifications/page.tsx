import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { NotificationForm } from "@/components/notifications/notification-form";
import { requireActor } from "@/lib/auth/guard";
import { getNotificationSettings } from "@/lib/server/notifications/settings";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "notifications" });
  return { title: t("title") };
}

/** Notifications (contracts §8, the seed's "Avis"): every signed-in user's own email notifications. */
export default async function NotificationsPage({ params }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const actor = await requireActor(`/${locale}/notifications`);
  const [settings, t] = await Promise.all([getNotificationSettings(actor), getTranslations("notifications")]);
  const { showCompleted, ...saved } = settings;
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-4 max-w-3xl text-sm text-gray-700">{t("intro")}</p>
      <NotificationForm saved={saved} showCompleted={showCompleted} />
    </>
  );
}
