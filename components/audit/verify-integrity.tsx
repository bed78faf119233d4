"use client";

import { useMutation } from "@tanstack/react-query";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiData, apiPath, errorMessage } from "@/lib/client/api";
import type { AuditVerification } from "@/lib/schemas/audit";

// "Verify integrity": the server recomputes the organization's whole hash chain and checks its head
// and checkpoints (GET /audit/verify), then says whether the log is intact or where it breaks.

export function VerifyIntegrity() {
  const organization = useOrganization();
  const verify = useMutation({ mutationFn: () => apiData<AuditVerification>(apiPath(organization.id, "audit", "verify")) });
  const result = verify.data;
  return (
    <section aria-label="Integrity" className="flex flex-wrap items-start gap-3">
      <Button variant="secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? "Verifying…" : "Verify integrity"}
      </Button>
      <div className="min-w-0 flex-1" data-testid="verify-result">
        {verify.isError ? <Alert tone="error">Could not verify the log: {errorMessage(verify.error)}</Alert> : null}
        {result?.intact ? (
          <Alert tone="success">
            Intact: all {result.events.toLocaleString()} events link up to the head, event {result.head.sequence} (
            <code className="font-mono text-xs">{result.head.hash.slice(0, 16)}…</code>). Keep that hash somewhere else to prove later that nothing before it changed.
          </Alert>
        ) : null}
        {result && !result.intact ? (
          <Alert tone="error">
            Broken at event {result.first_broken?.sequence}: {result.reason}. The log has been altered outside DotEnv; events from there on cannot be trusted.
          </Alert>
        ) : null}
      </div>
    </section>
  );
}
