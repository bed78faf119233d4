import { booleanOption } from "../args";
import { COMMON_HELP, type Command } from "../command";
import { EXIT, usageError } from "../errors";
import type { GrantView, Whoami } from "../permissions";
import { openOrganizationSession } from "../session";

export const whoamiCommand: Command = {
  name: "whoami",
  summary: "Show the API key: name, organization, permissions and expiry",
  usage: "dotenv whoami [--json]",
  help: `Shows which API key DOTENV_API_KEY is (never the key itself): its name and id, its organization,
its permissions with their scopes, and when it expires.

Options:
  --json                print the server's JSON answer

${COMMON_HELP}`,
  options: { json: { type: "boolean" } },
  async run(args, io) {
    if (args.positionals.length > 0) throw usageError(`unexpected argument "${args.positionals[0]!.slice(0, 40)}"`);
    const { api } = openOrganizationSession(io, args);
    const me = (await api.whoami<{ data: Whoami }>()).data;
    if (booleanOption(args, "json")) {
      io.stdout.write(`${JSON.stringify(me, null, 2)}\n`);
      return EXIT.ok;
    }
    const lines = [
      `${me.type === "token" ? "API key" : "User"}: ${me.name} (${me.id})`,
      `Organization: ${me.organization_id}`,
      ...(me.type === "token" ? [`Expires: ${me.expires_at ?? "never"}`] : me.role_label ? [`Role: ${me.role_label}`] : []),
      "Permissions:",
      ...me.permissions.map((grant) => `  ${grant.permission}${scopeText(grant)}`),
    ];
    io.stdout.write(`${lines.join("\n")}\n`);
    return EXIT.ok;
  },
};

function scopeText(grant: GrantView): string {
  const scope = grant.scope;
  if (!scope) return "";
  if ("team" in scope) return `  (team ${scope.team ?? "deleted team"})`;
  return `  (${[scope.project, scope.target, scope.environment].filter((slug) => slug !== undefined).map((slug) => slug ?? "deleted").join("/")})`;
}
