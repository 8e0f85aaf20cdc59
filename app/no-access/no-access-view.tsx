// The "no access" view of a page the signed-in member's role may not open: what forbidden()
// renders (app/(app)/forbidden.tsx), inside the app's frame, with a 403.
import { AppLink } from "@/components/ui/app-link";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";

export function NoAccessView() {
  return (
    <>
      <PageHeader title="No access" />
      <Card>
        <p className="text-sm">
          Your role in this organization does not include this page. If you need it, ask an owner or admin to change your role.
        </p>
        <div className="mt-4">
          <AppLink href="/" className={buttonClasses("secondary", "sm")}>
            Back to the dashboard
          </AppLink>
        </div>
      </Card>
    </>
  );
}
