// Every endpoint × every kind of caller: the expected outcome, written out by hand (it is the
// specification, not a re-computation of authorize()). Read by the Playwright spec over real HTTP
// (authz-matrix.spec.ts) and by lib/api/access-plans.test.ts against each endpoint's access plan.
//
// Columns: anonymous, expired, revoked, another organization's allow-all key | tokens shaped like
// each role: owner, administrator, developer, member, auditor, billing manager, API user, and the
// read-only preset | a key scoped to my-app/backend/production (secret:read+decrypt,
// environment:read, organization:read), one with every scopeable permission on project my-app,
// and the same on project "other".
// Cells: A allowed (2xx), 1 → 401, 3 → 403, 4 → 404.
// Two session callers are checked over every endpoint in e2e/api/two-factor-callers.spec.ts: a
// session waiting for its second factor (401 two_factor_required everywhere) and a member past
// their organization's 2FA grace period (403 two_factor_required everywhere in it).

export const COLUMNS = ["anonymous", "expired", "revoked", "other_org", "owner", "admin", "developer", "member", "auditor", "billing", "api_user", "read_only", "env_scoped", "project_scoped", "other_project"] as const;
export type Column = (typeof COLUMNS)[number];

export const MATRIX: Record<string, string> = {
  "GET /openapi.json": "                                       AAAA AAAAAAAA AAA",
  "GET /{organization}": "                                     1114 AAAAAAAA AAA",
  "PATCH /{organization}": "                                   1114 AA333333 333",
  // Owner only; the sample is a dry run (it answers what would be lost), so the fixture survives.
  "DELETE /{organization}": "                                  1114 A3333333 333",
  "GET /{organization}/whoami": "                              1114 AAAAAAAA AAA",
  // The key's own organization: another organization's key is simply answered for its own.
  "GET /whoami": "                                             111A AAAAAAAA AAA",
  "GET /{organization}/{project}/secrets": "                   1114 AAAAA4AA 3A4",
  "GET /{organization}/{project}/{target}/secrets": "          1114 AAAAA4AA 3A4",
  "GET /{organization}/{project}/{target}/{environment}/secrets": "1114 AAAAA4AA AA4",
  "POST /{organization}/secrets/retrieve": "                   1114 AAAAA4AA AA4",
  "POST /{organization}/secrets/store": "                      1114 AAAA3433 3A4",
  "POST /{organization}/secrets/delete": "                     1114 AAAA3433 4A4",
  // Version metadata (names, who, when) is part of the audit trail: audit:read may list it too.
  "GET /{organization}/{project}/secrets/versions": "          1114 AAAAA433 3A4",
  "GET /{organization}/{project}/{target}/secrets/versions": " 1114 AAAAA433 3A4",
  "GET /{organization}/{project}/{target}/{environment}/secrets/versions": "1114 AAAAA433 3A4",
  "GET /{organization}/{project}/secrets/versions/{n}": "      1114 AAAA3433 3A4",
  "GET /{organization}/{project}/{target}/secrets/versions/{n}": "1114 AAAA3433 3A4",
  "GET /{organization}/{project}/{target}/{environment}/secrets/versions/{n}": "1114 AAAA3433 3A4",
  "POST /{organization}/{project}/secrets/versions/{n}/restore": "1114 AAAA3433 3A4",
  "POST /{organization}/{project}/{target}/secrets/versions/{n}/restore": "1114 AAAA3433 3A4",
  "POST /{organization}/{project}/{target}/{environment}/secrets/versions/{n}/restore": "1114 AAAA3433 3A4",
  "DELETE /{organization}/{project}/secrets/versions/{n}": "   1114 AA333433 3A4",
  "DELETE /{organization}/{project}/{target}/secrets/versions/{n}": "1114 AA333433 3A4",
  "DELETE /{organization}/{project}/{target}/{environment}/secrets/versions/{n}": "1114 AA333433 3A4",
  "POST /{organization}/{project}/secrets/versions/purge": "   1114 AA333433 3A4",
  "POST /{organization}/{project}/{target}/secrets/versions/purge": "1114 AA333433 3A4",
  "POST /{organization}/{project}/{target}/{environment}/secrets/versions/purge": "1114 AA333433 3A4",
  "GET /{organization}/{project}/keys": "                      1114 AAAAA4AA 3A4",
  "POST /{organization}/{project}/keys/verification": "        1114 AA333433 444",
  "POST /{organization}/{project}/keys/check": "               1114 AAAAA4AA 444",
  // Key changes (key:rotate on the project) against a fresh project each time; the cadence on my-app.
  "POST /{organization}/{project}/keys/rotate": "              1114 AA333433 444",
  "POST /{organization}/{project}/keys/custody": "             1114 AA333433 444",
  "POST /{organization}/{project}/keys/reencrypt-history": "   1114 AA333433 444",
  "PATCH /{organization}/{project}/keys": "                    1114 AA333433 3A4",
  "GET /{organization}/projects": "                            1114 AAAAA3AA 3AA",
  "POST /{organization}/projects": "                           1114 AA333333 333",
  "GET /{organization}/projects/{project}": "                  1114 AAAAA4AA 3A4",
  "PATCH /{organization}/projects/{project}": "                1114 AAA33433 3A4",
  "DELETE /{organization}/projects/{project}": "               1114 AA333433 444",
  "GET /{organization}/projects/{project}/targets": "          1114 AAAAA4AA 3A4",
  "POST /{organization}/projects/{project}/targets": "         1114 AAA33433 334",
  "GET /{organization}/projects/{project}/targets/{target}": " 1114 AAAAA4AA 3A4",
  "PATCH /{organization}/projects/{project}/targets/{target}": "1114 AAA33433 3A4",
  "DELETE /{organization}/projects/{project}/targets/{target}": "1114 AAA33433 4A4",
  "GET /{organization}/projects/{project}/targets/{target}/environments": "1114 AAAAA4AA AA4",
  "POST /{organization}/projects/{project}/targets/{target}/environments": "1114 AAA33433 334",
  "GET /{organization}/projects/{project}/targets/{target}/environments/{environment}": "1114 AAAAA4AA AA4",
  "PATCH /{organization}/projects/{project}/targets/{target}/environments/{environment}": "1114 AAA33433 3A4",
  "DELETE /{organization}/projects/{project}/targets/{target}/environments/{environment}": "1114 AAA33433 4A4",
  "GET /{organization}/tokens": "                              1114 AA333333 333",
  "POST /{organization}/tokens": "                             1114 AA333333 333",
  "GET /{organization}/tokens/{id}": "                         1114 AA333333 333",
  "PATCH /{organization}/tokens/{id}": "                       1114 AA333333 333",
  "DELETE /{organization}/tokens/{id}": "                      1114 AA333333 333",
  "POST /{organization}/tokens/{id}/rotate": "                 1114 AA333333 333",
  "GET /{organization}/members": "                             1114 AAAAA333 333",
  "POST /{organization}/members": "                            1114 AA333333 333",
  "PATCH /{organization}/members/{id}": "                      1114 AA333333 333",
  "DELETE /{organization}/members/{id}": "                     1114 AA333333 333",
  "GET /{organization}/invitations": "                         1114 AA333333 333",
  "POST /{organization}/invitations/{id}/resend": "            1114 AA333333 333",
  "DELETE /{organization}/invitations/{id}": "                 1114 AA333333 333",
  "GET /{organization}/teams": "                               1114 AAAAA333 333",
  "POST /{organization}/teams": "                              1114 AA333333 333",
  "GET /{organization}/teams/{team}": "                        1114 AAAAA444 444",
  "PATCH /{organization}/teams/{team}": "                      1114 AA333444 444",
  "DELETE /{organization}/teams/{team}": "                     1114 AA333444 444",
  "GET /{organization}/audit": "                               1114 AA33A333 333",
  "GET /{organization}/security-policy": "                     1114 AAAAAAAA AAA",
  "PATCH /{organization}/security-policy": "                   1114 AA333333 333",
  "GET /{organization}/audit/export": "                        1114 AA33A333 333",
  "GET /{organization}/audit/actors": "                        1114 AA33A333 333",
  "GET /{organization}/audit/verify": "                        1114 AA33A333 333",
  // Environment drift: a key scoped to one environment compares just that one.
  "GET /{organization}/{project}/compare": "                   1114 AAAAA4AA AA4",
};

export function expected(key: string): Record<Column, string> {
  const cells = MATRIX[key]!.replace(/\s+/g, "");
  if (cells.length !== COLUMNS.length) throw new Error(`Row "${key}" has ${cells.length} cells, not ${COLUMNS.length}`);
  return Object.fromEntries(COLUMNS.map((column, index) => [column, cells[index]!])) as Record<Column, string>;
}
