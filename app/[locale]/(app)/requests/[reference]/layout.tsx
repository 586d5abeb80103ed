import type { ReactNode } from "react";
import { PageMessages } from "@/components/i18n/page-messages";

// The details and validation pages' client components (the panels, the upload form, the validation buttons) use
// the app-wide namespaces and "details" (their own labels, and the keys their actions answer with).
export default function Layout({ children }: { children: ReactNode }) {
  return <PageMessages namespaces={["details"]}>{children}</PageMessages>;
}
