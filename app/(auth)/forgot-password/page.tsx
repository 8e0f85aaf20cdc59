import type { Metadata } from "next";
import Link from "next/link";
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
          Remembered it? <Link className="font-medium text-indigo-700 underline dark:text-indigo-300" href="/sign-in">Sign in</Link>
        </>
      }
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
