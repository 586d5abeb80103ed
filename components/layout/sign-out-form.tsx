"use client";

import { useActionState } from "react";
import { LogOut } from "lucide-react";
import { logoutAction } from "@/lib/actions/auth";
import { initialActionResult } from "@/lib/actions/result";

/** "Sign Out": the action always redirects to the sign-in page; it works without JavaScript too. */
export function SignOutForm({ locale, label }: { locale: string; label: string }) {
  const [, action] = useActionState(logoutAction, initialActionResult);
  return (
    <form action={action}>
      <input type="hidden" name="locale" value={locale} />
      <button type="submit" className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-brand-700 hover:bg-brand-50">
        <LogOut aria-hidden className="h-4 w-4" />
        {label}
      </button>
    </form>
  );
}
