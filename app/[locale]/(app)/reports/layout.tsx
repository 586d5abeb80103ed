import type { ReactNode } from "react";
import { PageMessages } from "@/components/i18n/page-messages";

// These pages' client components use namespaces the app-wide provider leaves out (lib/i18n/client-messages.ts).
export default function Layout({ children }: { children: ReactNode }) {
  return <PageMessages>{children}</PageMessages>;
}
