import fs from "node:fs";
import { BlobFormatError } from "../../crypto";
import { readDotenv } from "../../dotenv/parse";
import { isApiError } from "../api";
import { booleanOption, stringOption } from "../args";
import { CLIENT_KEY_HELP, CLIENT_KEY_OPTION, COMMON_HELP, type Command } from "../command";
import { confirmOrRefuse } from "../confirm";
import { CliError, EXIT } from "../errors";
import { displayPath, levelBody, levelOf } from "../level-path";
import { currentLevelVersion } from "../level-version";
import { buildBlob, checkPushNames, describePlan, fileEntries, isEmptyPlan, planPush } from "../push-plan";
import { openLevel, projectCipher, readSecrets } from "../secrets";
import { openSession } from "../session";
import { singlePath } from "./shared";

export const pushCommand: Command = {
  name: "push",
  summary: "Replace a level's secrets with a .env file (encrypted locally)",
  usage: "dotenv push <project>[/<target>[/<environment>]] [--input=.env] [--yes] [--dry-run]",
  help: `Makes the level (its deepest segment) hold exactly the file's values: names missing from the file
are removed. Values are encrypted here, with the project's key; the level's current version is
sent as expected_version, so a change made since it was read is a conflict, never overwritten.
The names to add, change and remove are printed first (never values); at a terminal you confirm,
elsewhere pass --yes. The file is read as the dotenv package reads it (the dashboard reads pasted
text the same way); a line that is not NAME=value, an invalid or repeated name, or a quote that
is never closed is refused with its line number, and nothing is written.

Options:
  --input=<file>        the .env file to push (default .env)
  --yes, -y             do not ask for confirmation (needed when stdin is not a terminal)
  --dry-run             show the changes and stop
${CLIENT_KEY_HELP}

${COMMON_HELP}

Examples:
  dotenv push my-app/backend/staging --input=.env.staging
  dotenv push my-app/backend/staging --input=.env.staging --yes     # in CI`,
  options: { input: { type: "string", short: "i" }, yes: { type: "boolean", short: "y" }, "dry-run": { type: "boolean" }, ...CLIENT_KEY_OPTION },
  async run(args, io) {
    const session = openSession(io, args, singlePath(args));
    const where = displayPath(session.path);
    const input = stringOption(args, "input") ?? ".env";
    const next = fileEntries(readDotenv(readInput(input)), input);
    checkPushNames(next, input);

    if (!(await session.mayHave("secret:write"))) {
      throw new CliError(`permission denied: this API key lacks secret:write for ${where}; nothing was written`, EXIT.auth);
    }
    const level = levelOf(session.path);
    const read = await readSecrets(session, { merge: "false" });
    const currentCiphertext = read.levels?.[level] ?? {};
    const cipher = await projectCipher(session, read.key, { clientKeyFile: stringOption(args, "client-key") });
    const current = await openLevel(session, cipher, level, currentCiphertext, read.key_versions[level]);
    const plan = planPush(current, next);
    if (isEmptyPlan(plan)) {
      session.info(`${where} already holds these ${next.size} values; nothing to push.`);
      return EXIT.ok;
    }
    const expectedVersion = await currentLevelVersion(session, read, current.size > 0);

    session.info(`Changes to ${where} (${level}, version ${expectedVersion}):`);
    for (const line of describePlan(plan)) session.info(line);
    if (booleanOption(args, "dry-run")) {
      session.info("Dry run: nothing was written.");
      return EXIT.ok;
    }
    await confirmOrRefuse(args, io, `Push ${plan.added.length + plan.changed.length + plan.removed.length} change(s) to ${where}?`);

    const content = await sealedContent(cipher.dataKey, next, current, currentCiphertext);
    const stored = await store(session, { ...levelBody(session.path), content, expected_version: expectedVersion, ...(cipher.keyProof ? { key_proof: cipher.keyProof } : {}) });
    session.info(`Pushed to ${where}: now version ${stored.version}.`);
    return EXIT.ok;
  },
};

function readInput(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}${code === "ENOENT" ? ": no such file" : ` (${code ?? "error"})`}`, EXIT.usage);
  }
}

async function sealedContent(...args: Parameters<typeof buildBlob>): Promise<string> {
  try {
    return await buildBlob(...args);
  } catch (error) {
    if (error instanceof BlobFormatError) throw new CliError(`the file cannot be stored: ${error.message}`, EXIT.error);
    throw error;
  }
}

async function store(session: ReturnType<typeof openSession>, body: Record<string, unknown>): Promise<{ version: number }> {
  const where = displayPath(session.path);
  try {
    return (await session.api.post<{ data: { version: number } }>("/secrets/store", body)).data;
  } catch (error) {
    if (isApiError(error, 409)) {
      throw new CliError(`conflict: ${where} changed since it was read (${error.message.replace(/^conflict: /, "")}); nothing was written`, EXIT.conflict);
    }
    if (isApiError(error, 422, "key_proof_mismatch")) {
      throw new CliError(`the client key is wrong for ${where} (the server's key check failed); nothing was written`, EXIT.auth);
    }
    if (isApiError(error) && error.status !== 401 && error.status !== 403) {
      throw new CliError(`${error.message}; nothing was written`, error.exitCode);
    }
    throw error;
  }
}
