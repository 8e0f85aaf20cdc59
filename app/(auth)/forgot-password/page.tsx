import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

// No referrer leaves this page (the global policy is set with the security headers; this is the page's own).
export const metadata: Metadata = { title: "Forgot password", referrer: "no-referrer" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard
      title="Forgot your password?"
      subtitle="Enter your email address and we will send you a link to set a new one."
      footer={
        <>
          Remembered it? <AppLink className="font-medium text-indigo-700 underline dark:text-indigo-300" href="/sign-in">Sign in</AppLink>
        </>
      }
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
