import { Alert } from "@/components/ui/alert";

// The two choices that deserve a second look before a key leaves the building.
export function KeyWarnings({ neverExpires, allowAll }: { neverExpires: boolean; allowAll: boolean }) {
  if (!neverExpires && !allowAll) return null;
  return (
    <div className="space-y-2" data-testid="key-warnings">
      {allowAll ? (
        <Alert tone="error">
          <strong>Allow all:</strong> this key can do everything in the organization, including deleting projects, managing members and creating
          more keys. Prefer the read-only preset or only the permissions a job needs.
        </Alert>
      ) : null}
      {neverExpires ? (
        <Alert tone="error">
          <strong>Never expires:</strong> a leaked key stays usable until someone notices and revokes it. Prefer an expiry and rotate.
        </Alert>
      ) : null}
    </div>
  );
}
