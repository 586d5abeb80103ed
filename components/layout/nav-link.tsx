"use client";

import clsx from "clsx";
import type { ReactNode } from "react";
import { Link, usePathname } from "@/lib/i18n/navigation";

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={clsx("rounded-md px-3 py-1.5 text-sm font-medium", current ? "bg-brand-100 text-brand-800" : "text-gray-700 hover:bg-gray-100")}
    >
      {children}
    </Link>
  );
}
