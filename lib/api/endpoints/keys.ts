import { defineEndpoint, ok, page } from "@/lib/api/endpoint";
import { custodySchema, keyPolicySchema, reencryptSchema, rotateSchema } from "@/lib/schemas/keys";
import { keyCheckSchema, keySetupSchema, projectParams } from "@/lib/schemas/projects";
import { custodyPlan, switchCustody } from "@/lib/services/keys/custody";
import { checkKeyProof, keyCheckPlan, keySetupPlan, listKeys, listKeysPlan, setUpKeyVerification } from "@/lib/services/keys/key-versions";
import { keyPolicyPlan, updateKeyPolicy } from "@/lib/services/keys/policy";
import { reencryptHistory, reencryptPlan } from "@/lib/services/keys/reencrypt";
import { rotateKey, rotatePlan } from "@/lib/services/keys/rotation";

// A project's encryption keys over their whole life (docs/crypto.md#key-versions-and-rotation, docs/api.md#keys):
// list, first setup, check, rotate, switch custody, re-encrypt history, rotation cadence. Never
// returns wrapped key material or proof hashes (the passphrase only ever leaves through key:retrieve).

/** Client-managed rotation and re-encryption carry whole blobs (256 KiB each). */
const KEY_CHANGE_BODY = 16 * 1024 * 1024;

export const keysEndpoints = [
  defineEndpoint({
    id: "keys.list", method: "GET", path: "/{organization}/{project}/keys", tag: "Keys",
    summary: "List a project's key versions: state, custody, KDF parameters, dates, who created them",
    description:
      "Newest first: [{version, state, custody, kdf, salt (client-managed projects), iterations, configured, created_at, created_by, rotated_at, " +
      "secret_versions}]. meta: {custody, active_version, rotation: {cadence_days, active_since, due_at, overdue}, stale_versions}.",
    params: projectParams,
    requires: ({ params }) => listKeysPlan(params.project),
    handle: async (context, _input, access) => page(await listKeys(context, access.level.project)),
  }),
  defineEndpoint({
    id: "keys.verification.create", method: "POST", path: "/{organization}/{project}/keys/verification", tag: "Keys",
    summary: "First key setup of a client-managed project",
    description: "{salt, iterations, key_proof} derived by the client (the passphrase never reaches the server). 409 already_exists once set up; 422 for server-managed projects.",
    status: 201,
    params: projectParams, body: keySetupSchema,
    requires: ({ params }) => keySetupPlan(params.project),
    handle: async (context, { body }, access) => ok(await setUpKeyVerification(context, access.level.project, body)),
  }),
  defineEndpoint({
    id: "keys.check", method: "POST", path: "/{organization}/{project}/keys/check", tag: "Keys",
    summary: "Check a client-derived key against the active key version",
    description: "Client-managed projects: {key_proof} → {version, valid}. Lets a client say \"wrong passphrase\" before it writes anything.",
    params: projectParams, body: keyCheckSchema,
    requires: ({ params }) => keyCheckPlan(params.project),
    handle: async (context, { body }, access) => ok(await checkKeyProof(context, access.level.project, body)),
  }),
  defineEndpoint({
    id: "keys.rotate", method: "POST", path: "/{organization}/{project}/keys/rotate", tag: "Keys",
    summary: "Rotate the project's key: a new active version, every level's current blob re-encrypted under it",
    description:
      "Server-managed: {} (optional expected_version); the server re-encrypts every level in one transaction. Client-managed: {key_proof (current), " +
      "new: {salt, iterations, key_proof}, levels: [{target?, environment?, content, expected_version?}]} covering every level that has content " +
      "(422 naming what is missing). Answers the new version. 409 key_rotated when the key was rotated meanwhile (of two concurrent rotations one wins).",
    sensitive: true, maxBodyBytes: KEY_CHANGE_BODY,
    params: projectParams, body: rotateSchema,
    requires: ({ params }) => rotatePlan(params.project),
    handle: async (context, { body }, access) => ok(await rotateKey(context, access.level.project, body)),
  }),
  defineEndpoint({
    id: "keys.custody", method: "POST", path: "/{organization}/{project}/keys/custody", tag: "Keys",
    summary: "Switch who holds the key: the server or the clients (no ciphertext changes)",
    description:
      "{custody: \"client\", key_proof} (proof of the key material from key:retrieve's passphrase; the server then deletes its wrapped copies) or " +
      "{custody: \"server\", passphrase} (checked against the proof, then stored wrapped). 422 while history holds versions under older keys.",
    sensitive: true,
    params: projectParams, body: custodySchema,
    requires: ({ params }) => custodyPlan(params.project),
    handle: async (context, { body }, access) => ok(await switchCustody(context, access.level.project, body)),
  }),
  defineEndpoint({
    id: "keys.reencrypt_history", method: "POST", path: "/{organization}/{project}/keys/reencrypt-history", tag: "Keys",
    summary: "Re-encrypt older versions under the active key, one batch per call",
    description:
      "Server-managed: {cursor?} re-encrypts the next batch (≤ 200 versions) → {done, remaining, re_encrypted, next_cursor}. Client-managed: {key_proof, " +
      "versions: [{target?, environment?, version, content}]} (≤ 200) → the same, plus pending (the next versions' ciphertext, for callers with " +
      "secret:history; key_version narrows it to one older key). Resumable and idempotent.",
    sensitive: true, maxBodyBytes: KEY_CHANGE_BODY,
    params: projectParams, body: reencryptSchema,
    requires: ({ params }) => reencryptPlan(params.project),
    handle: async (context, { body }, access) => ok(await reencryptHistory(context, access.level.project, body)),
  }),
  defineEndpoint({
    id: "keys.policy", method: "PATCH", path: "/{organization}/{project}/keys", tag: "Keys",
    summary: "Set the key rotation cadence",
    description: "{rotation_days: 30 | 90 | 180 | 365 | null} → {cadence_days, active_since, due_at, overdue}. A reminder only: an overdue key keeps working.",
    params: projectParams, body: keyPolicySchema,
    requires: ({ params }) => keyPolicyPlan(params.project),
    handle: async (context, { body }, access) => ok(await updateKeyPolicy(context, access.level.project, body)),
  }),
];
