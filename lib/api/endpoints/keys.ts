import { defineEndpoint, ok } from "@/lib/api/endpoint";
import { keyCheckSchema, keySetupSchema, projectParams } from "@/lib/schemas/projects";
import { checkKeyProof, keyCheckPlan, keySetupPlan, listKeys, listKeysPlan, setUpKeyVerification } from "@/lib/services/keys/key-versions";

// A project's encryption keys (docs/crypto.md#wire-format, docs/api.md#keys). Never returns key material or proof hashes.

export const keysEndpoints = [
  defineEndpoint({
    id: "keys.list", method: "GET", path: "/{organization}/{project}/keys", tag: "Keys",
    summary: "List a project's key versions: custody, state, KDF parameters, dates",
    description: "salt only for client-managed projects; configured says whether a key proof is stored.",
    params: projectParams,
    requires: ({ params }) => listKeysPlan(params.project),
    handle: async (context, _input, access) => ok(await listKeys(context, access.level.project)),
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
];
