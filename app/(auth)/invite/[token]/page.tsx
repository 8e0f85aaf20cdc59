import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { getActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { INVITE_STATE_MESSAGES, previewInvitation } from "@/lib/organizations/invitations";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await previewInvitation(token);
  if (invite.state !== "valid") {
    return (
      <AuthCard title="Invitation unavailable">
        <p role="alert" className="text-sm">{INVITE_STATE_MESSAGES[invite.state]}</p>
        <p className="mt-4 text-sm">
          <AppLink className="font-medium text-indigo-700 underline dark:text-indigo-300" href="/sign-in">Go to sign in</AppLink>
        </p>
      </AuthCard>
    );
  }
  const actor = await getActor();
  const signedInAsInvitee = actor?.email === invite.email;
  const roleLabel = invite.role ? ROLE_LABELS[invite.role] : "member";
  const title = `Join ${invite.organizationName}`;
  const subtitle = `You were invited as ${roleLabel.toLowerCase()} (${invite.email}).`;

  if (invite.accountExists && !signedInAsInvitee) {
    const back = encodeURIComponent(`/invite/${token}`);
    return (
      <AuthCard title={title} subtitle={subtitle}>
        <p className="text-sm">
          An account for {invite.email} already exists.{" "}
          <AppLink className="font-medium text-indigo-700 underline dark:text-indigo-300" href={`/sign-in?callbackUrl=${back}`}>
            Sign in as {invite.email}
          </AppLink>{" "}
          to accept.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title} subtitle={subtitle}>
      <AcceptInviteForm token={token} email={invite.email ?? ""} needsAccount={!invite.accountExists} />
    </AuthCard>
  );
}
