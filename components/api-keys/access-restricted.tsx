import { EmptyState } from "@/components/ui/card";

// Shown instead of any API-key page to someone without token:manage (the API refuses them too).
export function AccessRestricted() {
  return (
    <EmptyState title="Access restricted">
      Managing API keys needs the <code className="font-mono">token:manage</code> permission. Ask an Owner or Administrator of this organization.
    </EmptyState>
  );
}
