import type { ReactNode } from "react";
import { setRequestLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/guard";
import { AppHeader } from "@/components/layout/app-header";
import { SoftNavigation } from "@/components/ui/soft-navigation";

export default async function SignedInLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale as "en" | "fr");
  // Pages check again with their own return path; this guards every page of the group.
  const actor = await requireActor();
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader actor={actor} />
      <SoftNavigation />
      <main id="main" className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-4">
        {children}
      </main>
    </div>
  );
}
