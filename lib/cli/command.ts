import type { OptionSpec, ParsedArgs } from "./args";
import type { Io } from "./session";

// The shape of a command: its options (parsed by args.ts), its help text and what it does.
// `run` returns the process exit code.

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Help text after the usage line: options, examples. */
  help: string;
  options: Record<string, OptionSpec>;
  acceptsRest?: boolean;
  run(args: ParsedArgs, io: Io): Promise<number>;
}

export const CLIENT_KEY_OPTION: Record<string, OptionSpec> = { "client-key": { type: "string" } };

export const COMMON_HELP = `Environment:
  DOTENV_API_KEY        API key (dtk_…) of the organization; required
  DOTENV_API_URL        server URL (default http://localhost:3000)
  DOTENV_ORGANIZATION   optional organization id (default: the API key's own; or --organization=<id>, or start the path with it)`;

export const CLIENT_KEY_HELP = `  --client-key=<file>   client-managed projects: a file holding the project's passphrase
                        (or DOTENV_CLIENT_KEY_FILE=<file>; DOTENV_CLIENT_KEY=<value> works but warns)`;
