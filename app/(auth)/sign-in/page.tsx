import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signInErrorFromQuery } from "@/lib/auth/sign-in-messages";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = { callbackUrl?: string | string[]; error?: string | string[] };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { callbackUrl, error } = await searchParams;
  const target = safeRedirectPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl);
  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back to Panelist."
      footer={
        <>
          New to Panelist? <AppLink className="font-medium text-indigo-700 underline dark:text-indigo-300" href="/sign-up">Create an account</AppLink>
        </>
      }
    >
      {/* Only a same-site path goes on to the form, and only a known error code's fixed message. */}
      <SignInForm callbackUrl={target} initialError={signInErrorFromQuery(error)} />
      <p className="mt-4 border-t border-slate-200 pt-4 text-center text-sm dark:border-slate-800">
        <AppLink className="font-medium text-indigo-700 underline dark:text-indigo-300" href={`/sign-in/sso?${new URLSearchParams({ callbackUrl: target })}`}>
          Sign in with SSO
        </AppLink>
      </p>
    </AuthCard>
  );
}
