import { saveServerManagedSecrets } from "@/app/dashboard/projects/[project]/secrets/actions";
import { ApiError, apiRequest } from "@/lib/client/api";
import { levelBody, type LevelPath } from "@/lib/client/levels";
import { encryptValue, type UnlockedProjectKey } from "@/lib/client/project-key";
import type { SavePlan } from "@/lib/client/secret-draft";
import { serializeBlob } from "@/lib/crypto";
import { ERROR_STATUS } from "@/lib/errors";

// One save of a level, with expected_version so a concurrent save is a 409 instead of a silent
// overwrite. Server-managed: the server encrypts the new values (a Member may write without being
// able to decrypt). Client-managed: values are encrypted here and only ciphertext leaves the page,
// with the key proof so the server can check the key.

export async function saveLevel(
  organizationId: string, path: LevelPath, plan: SavePlan, expectedVersion: number, clientKey: UnlockedProjectKey | null,
): Promise<number> {
  if (!clientKey) {
    const result = await saveServerManagedSecrets(organizationId, { ...levelBody(path), entries: plan.entries, tags: plan.tags, expected_version: expectedVersion });
    if (!result.ok) throw new ApiError(statusOf(result.error.code), result.error.code, result.error.message, result.error.details);
    return result.data.version;
  }
  const sealed = await Promise.all(
    plan.entries.map(async (entry) => [entry.name, "value" in entry ? await encryptValue(clientKey.dataKey, entry.name, entry.value) : entry.ciphertext] as const),
  );
  const stored = await apiRequest<{ version: number }>(`/api/v1/${encodeURIComponent(organizationId)}/secrets/store`, {
    method: "POST",
    body: { ...levelBody(path), content: serializeBlob(sealed), key_proof: clientKey.keyProof, tags: plan.tags, expected_version: expectedVersion },
  });
  return stored.data.version;
}

function statusOf(code: string): number {
  return (ERROR_STATUS as Record<string, number>)[code] ?? 503;
}
