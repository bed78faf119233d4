import { stringOption } from "../args";
import { writeFileAtomic } from "../atomic-write";
import { CLIENT_KEY_HELP, CLIENT_KEY_OPTION, COMMON_HELP, type Command } from "../command";
import { CliError, EXIT } from "../errors";
import { formatName, render } from "../formats";
import { displayPath } from "../level-path";
import { readMergedValues } from "../secrets";
import { openSession } from "../session";
import { singlePath } from "./shared";

export const pullCommand: Command = {
  name: "pull",
  summary: "Write a level's merged secrets to a file (mode 0600)",
  usage: "dotenv pull <project>[/<target>[/<environment>]] [--output=.env] [--format=dotenv]",
  help: `The level's values merged with the levels above it (project < target < environment), decrypted,
written atomically to the output file with mode 0600. Nothing is written if anything fails.

Options:
  --output=<file>       where to write (default .env)
  --format=<format>     dotenv (default), shell, json or docker
${CLIENT_KEY_HELP}

${COMMON_HELP}

Examples:
  dotenv pull my-app/backend/production --output=.env
  dotenv pull my-app/backend/production --client-key=./project.key --output=.env`,
  options: { output: { type: "string", short: "o" }, format: { type: "string" }, ...CLIENT_KEY_OPTION },
  async run(args, io) {
    const session = openSession(io, args, singlePath(args));
    const format = formatName(stringOption(args, "format"));
    const output = stringOption(args, "output") ?? ".env";
    if (output === "") throw new CliError("--output needs a file name", EXIT.usage);
    const values = await readMergedValues(session, { clientKeyFile: stringOption(args, "client-key") });
    const text = render(format, values);
    try {
      writeFileAtomic(output, text);
    } catch (error) {
      throw new CliError(`cannot write ${output} (${(error as NodeJS.ErrnoException).code ?? "error"})`, EXIT.error);
    }
    session.info(`Wrote ${values.size} secret${values.size === 1 ? "" : "s"} of ${displayPath(session.path)} to ${output}`);
    return EXIT.ok;
  },
};
