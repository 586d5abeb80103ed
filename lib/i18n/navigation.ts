import { createElement, type ComponentProps } from "react";
import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

const navigation = createNavigation(routing);

export const { redirect, usePathname, useRouter, getPathname } = navigation;

/**
 * next-intl's Link, not prefetched unless a link asks for it. Every page here is rendered per user (nothing is
 * static), so Next's default prefetch of each link in view was a full server render per link: a dashboard opened in
 * a browser asked for about twenty (its tabs, sort headers and menu), each costing the server about what the page
 * itself costs, for pages the clerk mostly never opens. A click fetches the page it needs.
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof navigation.Link>) {
  return createElement(navigation.Link, { prefetch, ...props });
}
