"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ApiError, messageOf } from "@/lib/api/fetch-json";
import { can, ROLE_LABELS, ROLES, type RoleName } from "@/lib/auth/permissions";
import { useCreateResetLink } from "@/lib/auth/password-reset-hooks";
import { inviteSchema } from "@/lib/auth/schemas";
import { zodFieldErrors, type FieldErrors } from "@/lib/errors";
import { useChangeRole, useInvitations, useInvite, useMembers, useRemoveMember, useRevokeInvitation } from "@/lib/organizations/hooks";
import { useDebounced } from "@/lib/search/use-debounced";


function InviteForm({ assignable }: { assignable: RoleName[] }) {
  const invite = useInvite();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<{ link: string; emailed: boolean; email: string } | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const parsed = inviteSchema.safeParse(Object.fromEntries(new FormData(formEl)));
    if (!parsed.success) return setFieldErrors(zodFieldErrors(parsed.error));
    setFieldErrors({});
    setResult(null);
    try {
      const res = await invite.mutateAsync(parsed.data);
      setResult({ link: res.link, emailed: res.emailed, email: parsed.data.email });
      formEl.reset();
    } catch (err) {
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors);
    }
  }

  return (
    <Card>
      <h2 className="mb-4 font-semibold">Invite a member</h2>
      <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end" noValidate>
        <Field label="Email" errors={fieldErrors.email}>
          <Input name="email" type="email" autoComplete="off" required />
        </Field>
        <Field label="Role" errors={fieldErrors.role}>
          <Select name="role" defaultValue="INTERVIEWER">
            {assignable.map((r) => (
              <option key={r} value={r}>{ROLE_LABELS[r]}</option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={invite.isPending}>{invite.isPending ? "Sending…" : "Send invite"}</Button>
      </form>
      <div className="mt-3">
        <FormError message={invite.isError && !Object.keys(fieldErrors).length ? messageOf(invite.error) : null} />
      </div>
      {result && (
        <div className="mt-4 space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950" role="status">
          <p>
            {result.emailed
              ? `We emailed an invitation to ${result.email}. You can also share this link:`
              : `No mail server is configured, so copy this link to ${result.email}. It works once and expires in 7 days.`}
          </p>
          <Field label="Invite link">
            <Input readOnly value={result.link} onFocus={(e) => e.currentTarget.select()} />
          </Field>
          <Button variant="secondary" size="sm" onClick={() => navigator.clipboard?.writeText(result.link)}>Copy link</Button>
        </div>
      )}
    </Card>
  );
}

function PendingInvitations() {
  const { data, isLoading } = useInvitations(true);
  const revoke = useRevokeInvitation();
  if (isLoading || !data?.length) return null;
  return (
    <Card>
      <h2 className="mb-3 font-semibold">Pending invitations</h2>
      <FormError message={revoke.isError ? messageOf(revoke.error) : null} />
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {data.map((inv) => (
          <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
            <span>
              {inv.email} · {ROLE_LABELS[inv.role]} · expires {new Date(inv.expiresAt).toLocaleDateString()}
            </span>
            <Button variant="ghost" size="sm" aria-label={`Withdraw invitation for ${inv.email}`} onClick={() => revoke.mutate(inv.id)}>
              Withdraw
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** A reset link, shown once: it is not stored anywhere it could be shown again. */
function ResetLinkResult({ name, link, expiresAt, onDismiss }: { name: string; link: string; expiresAt: string; onDismiss: () => void }) {
  return (
    <div className="mb-4 space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950" role="status">
      <p>
        Send this link to {name} yourself; it is shown only now. It works once, expires {new Date(expiresAt).toLocaleString()}, and setting
        a new password through it signs {name} out everywhere.
      </p>
      <Field label={`Password reset link for ${name}`}>
        <Input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      </Field>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" onClick={() => navigator.clipboard?.writeText(link)}>Copy link</Button>
        <Button variant="ghost" size="sm" onClick={onDismiss}>Done</Button>
      </div>
    </div>
  );
}

export function MembersPanel({ canInvite, canManage, assignable, actorRole }: { canInvite: boolean; canManage: boolean; assignable: RoleName[]; actorRole: RoleName }) {
  const [q, setQ] = useState("");
  const members = useMembers(useDebounced(q.trim()));
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const resetLink = useCreateResetLink();
  const [issued, setIssued] = useState<{ name: string; link: string; expiresAt: string } | null>(null);
  const canResetPasswords = can(actorRole, "members.resetPassword");
  const mutationError = changeRole.isError
    ? messageOf(changeRole.error)
    : remove.isError
      ? messageOf(remove.error)
      : resetLink.isError
        ? messageOf(resetLink.error)
        : null;

  return (
    <div className="space-y-6">
      {canInvite && <InviteForm assignable={assignable} />}
      {canInvite && <PendingInvitations />}
      <Card>
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 className="font-semibold">Members</h2>
          <div className="w-64">
            <Field label="Find a member" hint="Name or email">
              <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
            </Field>
          </div>
        </div>
        <FormError message={mutationError} />
        {issued && <ResetLinkResult {...issued} onDismiss={() => setIssued(null)} />}
        {members.isLoading && <p className="text-sm">Loading members…</p>}
        {members.isError && <FormError message={messageOf(members.error)} />}
        {members.data?.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No member matches “{q.trim()}”.</p>}
        {members.data && members.data.length > 0 && (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Organization members</caption>
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                <th scope="col" className="py-2">Name</th>
                <th scope="col" className="py-2">Email</th>
                <th scope="col" className="py-2">Role</th>
                {(canManage || canResetPasswords) && <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => (
                <tr key={m.id} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="py-2">{m.name}{m.isYou && <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">(you)</span>}</td>
                  <td className="py-2">{m.email}</td>
                  <td className="py-2">
                    {canManage ? (
                      <Select
                        aria-label={`Role for ${m.name}`}
                        value={m.role}
                        className="h-9 w-40"
                        disabled={changeRole.isPending}
                        onChange={(e) => changeRole.mutate({ id: m.id, role: e.target.value as RoleName })}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>{ROLE_LABELS[r]}</option>
                        ))}
                      </Select>
                    ) : (
                      ROLE_LABELS[m.role]
                    )}
                  </td>
                  {(canManage || canResetPasswords) && (
                    <td className="py-2 text-right">
                      {!m.isYou && canResetPasswords && (m.role !== "OWNER" || actorRole === "OWNER") && (
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Reset password for ${m.name}`}
                          disabled={resetLink.isPending}
                          onClick={() => {
                            if (!window.confirm(`Create a password reset link for ${m.name}? Anyone with the link can set their password.`)) return;
                            setIssued(null);
                            resetLink.mutate(m.id, { onSuccess: (r) => setIssued({ name: m.name, ...r }) });
                          }}
                        >
                          Reset password
                        </Button>
                      )}
                      {!m.isYou && canManage && (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Remove ${m.name}`}
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(`Remove ${m.name} from the organization? They lose access immediately.`)) remove.mutate(m.id);
                        }}
                      >
                        Remove
                      </Button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
