"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { RoleName } from "@/lib/auth/permissions";
import type { InviteInput } from "@/lib/auth/schemas";
import type { InvitationView } from "./invitations";
import type { MemberView } from "./members";

export const orgKeys = {
  all: ["organization"] as const,
  members: () => [...orgKeys.all, "members"] as const,
  invitations: () => [...orgKeys.all, "invitations"] as const,
};

/** Members, or with `q` those whose name or email match (the people search). */
export function useMembers(q = "") {
  return useQuery<MemberView[]>({
    queryKey: [...orgKeys.members(), q],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => fetchJson<{ members: MemberView[] }>(`/api/organizations/members?${new URLSearchParams({ q })}`, { signal }).then((r) => r.members),
  });
}

export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: orgKeys.invitations(),
    enabled,
    queryFn: () => fetchJson<{ invitations: InvitationView[] }>("/api/organizations/invitations").then((r) => r.invitations),
  });
}

export function useInvite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) =>
      fetchJson<{ invitation: InvitationView; link: string; emailed: boolean }>("/api/organizations/invitations", {
        method: "POST",
        json: input,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.invitations() }),
  });
}

export function useRevokeInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson(`/api/organizations/invitations/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.invitations() }),
  });
}

export function useChangeRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: RoleName }) =>
      fetchJson<{ member: MemberView }>(`/api/organizations/members/${id}`, { method: "PATCH", json: { role } }),
    onSettled: () => qc.invalidateQueries({ queryKey: orgKeys.members() }),
  });
}

export function useRemoveMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson(`/api/organizations/members/${id}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: orgKeys.members() }),
  });
}
