import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <AuthCard
      title="Create your account"
      subtitle="Start a Panelist organization for your hiring team."
      footer={
        <>
          Already have an account? <AppLink className="font-medium text-indigo-700 underline dark:text-indigo-300" href="/sign-in">Sign in</AppLink>
        </>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}
