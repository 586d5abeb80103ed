"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Client-side navigation for plain links marked `data-soft` (`<a data-soft href="/en/requests?…">`), as Next's Link
 * does it, with one listener for the page instead of a client component per link: the dashboard's tabs, sort
 * headers and pager are about twenty links, each of which, as a Link, was a client component rendered on the server
 * and carried in the page's RSC payload. A click with a modifier key, another button, a target or a download, or to
 * another origin is left to the browser; without JavaScript every one is an ordinary link.
 */
export function SoftNavigation() {
  const router = useRouter();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[data-soft]") : null;
      if (!(link instanceof HTMLAnchorElement) || link.target || link.hasAttribute("download") || link.origin !== window.location.origin) return;
      event.preventDefault();
      router.push(`${link.pathname}${link.search}${link.hash}`);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [router]);
  return null;
}
