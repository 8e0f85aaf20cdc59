import { AuthCard } from "@/components/auth/auth-card";
import { SignOutButton } from "@/components/shell/sign-out-button";

export default function NoAccessPage() {
  return (
    <AuthCard title="No organization access">
      <p className="text-sm">
        Your account is not a member of any organization, or it was deactivated. Ask an owner or admin to invite you again.
      </p>
      <div className="mt-4">
        <SignOutButton />
      </div>
    </AuthCard>
  );
}
