"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

type Props = ComponentProps<typeof Link>;

/**
 * The app's only link to its own pages: next/link without viewport prefetching. Every page is
 * dynamic (rendered per request for the signed-in member), so a next/link in view costs a full
 * server render of its target: the header alone prefetched 8 pages on every page view, and four
 * panelists opening the interview room at once asked the server for 32 pages nobody opened
 * (issue 11). Here a page is prefetched when a link is hovered or focused, the moment a person
 * reaches for it, so navigation stays quick and a page view costs only itself.
 */
export function AppLink({ prefetch, onMouseEnter, onFocus, onTouchStart, href, ...props }: Props) {
  const router = useRouterIfMounted();
  const url = typeof href === "string" && href.startsWith("/") ? href : null;
  const intent = () => {
    if (prefetch !== false && url) router?.prefetch(url);
  };
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        intent();
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        intent();
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        intent();
        onTouchStart?.(e);
      }}
    />
  );
}

/**
 * The app router, or null where none is mounted (a report rendered to a string, a component
 * test): useRouter reads the router's context and throws when it is empty; a link there still
 * renders and navigates, it just does not prefetch.
 */
function useRouterIfMounted(): ReturnType<typeof useRouter> | null {
  try {
    return useRouter();
  } catch {
    return null;
  }
}
