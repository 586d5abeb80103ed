"use client";

import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "@/lib/i18n/navigation";

const POLL_MS = 10_000;

/**
 * Keeps the dashboard current: polls a small endpoint for the latest change in the user's scope and, when it
 * moves, re-renders the server page in place and says so politely.
 */
export function LiveRefresh({ initialToken }: { initialToken: string }) {
  const t = useTranslations("dashboard");
  const router = useRouter();
  const seen = useRef(initialToken);
  const [announced, setAnnounced] = useState(false);
  const { data } = useQuery({
    queryKey: ["request-changes"],
    queryFn: async () => {
      const response = await fetch("/api/requests/changes", { cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      return (await response.json()) as { token: string };
    },
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });

  useEffect(() => {
    if (data?.token && data.token !== seen.current) {
      seen.current = data.token;
      router.refresh();
      setAnnounced(true);
      const timer = setTimeout(() => setAnnounced(false), 8_000);
      return () => clearTimeout(timer);
    }
  }, [data?.token, router]);

  return (
    <div role="status" aria-live="polite" className="min-h-5 text-sm text-green-800" data-testid="live-refresh">
      {announced ? t("updated") : ""}
    </div>
  );
}
