"use client";

import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";

/** Settings → Members: a reset link for a member, shown once (nothing to cache or refetch). */
export function useCreateResetLink() {
  return useMutation({
    mutationFn: (membershipId: string) =>
      fetchJson<{ link: string; expiresAt: string }>(`/api/organizations/members/${encodeURIComponent(membershipId)}/password-reset`, { method: "POST" }),
  });
}
