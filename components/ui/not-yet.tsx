import { Card, PageHeader } from "./card";

/** An honest placeholder for a section whose feature is still being built. */
export function NotYet({ title, issue, what }: { title: string; issue: number; what: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <p className="text-sm">
          <strong>Not available yet.</strong> {what} This section is being built under issue #{issue}; nothing here pretends to work
          until it does.
        </p>
      </Card>
    </>
  );
}
