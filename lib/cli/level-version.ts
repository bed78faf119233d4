import { CliError, EXIT } from "./errors";
import { displayPath, levelOf, levelUrlPath } from "./level-path";
import type { SecretsAttributes } from "./secrets";
import type { Session } from "./session";

// The level's current version, sent as expected_version so a push never overwrites a change it
// has not seen (docs/api.md#secrets: 409 version_conflict otherwise). Taken from the secrets read when the
// server reports it there, else from the newest history entry (secret:history).

interface VersionSummary {
  version: number;
  current: boolean;
}

export async function currentLevelVersion(session: Session, read: SecretsAttributes, hasContent: boolean): Promise<number> {
  const reported = read.versions?.[levelOf(session.path)];
  if (typeof reported === "number") return reported;
  if (!(await session.mayHave("secret:history"))) throw cannotTell(session, "the API key needs secret:history there", EXIT.auth);
  const page = await session.api.get<{ data: VersionSummary[] }>(`${levelUrlPath(session.path)}/secrets/versions`, { limit: 1 });
  const newest = page.data[0];
  if (newest?.current) return newest.version;
  if (!newest && !hasContent) return 0;
  throw cannotTell(session, "its history does not include the current version (written without backup)", EXIT.error);
}

function cannotTell(session: Session, why: string, exitCode: number): CliError {
  return new CliError(
    `cannot tell the current version of ${displayPath(session.path)}, which push sends so that nothing is overwritten unseen: ${why}`,
    exitCode,
  );
}
