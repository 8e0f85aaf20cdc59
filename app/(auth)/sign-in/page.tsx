import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back to Panelist."
      footer={
        <>
          New to Panelist? <Link className="font-medium text-indigo-700 underline dark:text-indigo-300" href="/sign-up">Create an account</Link>
        </>
      }
    >
      <SignInForm callbackUrl={callbackUrl} initialError={error && error !== "CredentialsSignin" ? error : undefined} />
    </AuthCard>
  );
}
