import { defineEndpoint, ok } from "@/lib/api/endpoint";
import { keyCheckSchema, keySetupSchema, projectParams } from "@/lib/schemas/projects";
import { checkKeyProof, listKeys, setUpKeyVerification } from "@/lib/services/keys/key-versions";

// A project's encryption keys (SPEC §2, §4.4). Never returns key material or proof hashes.

export const keysEndpoints = [
  defineEndpoint({
    id: "keys.list", method: "GET", path: "/{organization}/{project}/keys", tag: "Keys",
    summary: "List a project's key versions: custody, state, KDF parameters, dates",
    description: "salt only for client-managed projects; configured says whether a key proof is stored.",
    permission: "project:read",
    params: projectParams,
    handle: async (context, { params }) => ok(await listKeys(context, params.project)),
  }),
  defineEndpoint({
    id: "keys.verification.create", method: "POST", path: "/{organization}/{project}/keys/verification", tag: "Keys",
    summary: "First key setup of a client-managed project",
    description: "{salt, iterations, key_proof} derived by the client (the passphrase never reaches the server). 409 already_exists once set up; 422 for server-managed projects.",
    permission: "key:rotate", status: 201,
    params: projectParams, body: keySetupSchema,
    handle: async (context, { params, body }) => ok(await setUpKeyVerification(context, params.project, body)),
  }),
  defineEndpoint({
    id: "keys.check", method: "POST", path: "/{organization}/{project}/keys/check", tag: "Keys",
    summary: "Check a client-derived key against the active key version",
    description: "Client-managed projects: {key_proof} → {version, valid}. Lets a client say \"wrong passphrase\" before it writes anything.",
    permission: "secret:read",
    params: projectParams, body: keyCheckSchema,
    handle: async (context, { params, body }) => ok(await checkKeyProof(context, params.project, body)),
  }),
];
