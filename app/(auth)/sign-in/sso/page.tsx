import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { AuthCard } from "@/components/auth/auth-card";
import { SsoSignInForm } from "@/components/auth/sso-sign-in-form";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signInErrorFromQuery } from "@/lib/auth/sign-in-messages";

export const metadata: Metadata = { title: "Sign in with SSO" };

type SearchParams = { callbackUrl?: string | string[]; error?: string | string[] };

export default async function SsoSignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { callbackUrl, error } = await searchParams;
  const target = safeRedirectPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl);
  return (
    <AuthCard
      title="Sign in with SSO"
      subtitle="Use your organization's single sign-on."
      footer={
        <AppLink className="font-medium text-indigo-700 underline dark:text-indigo-300" href={`/sign-in?${new URLSearchParams({ callbackUrl: target })}`}>
          Sign in with a password instead
        </AppLink>
      }
    >
      <SsoSignInForm callbackUrl={target} initialError={signInErrorFromQuery(error)} />
    </AuthCard>
  );
}
