import { stringOption } from "../args";
import { CLIENT_KEY_HELP, CLIENT_KEY_OPTION, COMMON_HELP, type Command } from "../command";
import { EXIT } from "../errors";
import { formatName, render } from "../formats";
import { readMergedValues } from "../secrets";
import { openSession } from "../session";
import { singlePath } from "./shared";

export const exportCommand: Command = {
  name: "export",
  summary: "Print a level's merged secrets (dotenv, shell, json or docker)",
  usage: "dotenv export <project>[/<target>[/<environment>]] [--format=dotenv|shell|json|docker]",
  help: `Prints the level's values merged with the levels above it, decrypted, to stdout.

Formats:
  dotenv   NAME=value lines that the dotenv package and POSIX shells (set -a; . ./.env) read back
           exactly; a value no such line can carry is refused, naming it
  shell    export NAME='value' lines, safe to eval whatever a value holds
  json     {"NAME": "value"}
  docker   NAME=value lines for docker run --env-file; values with line breaks are refused

Options:
  --format=<format>     dotenv (default), shell, json or docker
${CLIENT_KEY_HELP}

${COMMON_HELP}

Examples:
  eval "$(dotenv export my-app/backend/production --format=shell)"
  dotenv export my-app/backend/production --format=docker > app.env && docker run --env-file app.env app`,
  options: { format: { type: "string", short: "f" }, ...CLIENT_KEY_OPTION },
  async run(args, io) {
    const session = openSession(io, args, singlePath(args));
    const format = formatName(stringOption(args, "format"));
    const values = await readMergedValues(session, { clientKeyFile: stringOption(args, "client-key") });
    io.stdout.write(render(format, values));
    return EXIT.ok;
  },
};
