import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

// The link's token is in its fragment (lib/auth/password-reset.ts), which no Referer carries;
// no-referrer and noindex all the same, as for any page reached through a secret link.
export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer", robots: { index: false, follow: false } };

export default function ResetPasswordPage() {
  return (
    <AuthCard title="Set a new password" subtitle="Setting it signs your account out everywhere.">
      <ResetPasswordForm />
    </AuthCard>
  );
}
