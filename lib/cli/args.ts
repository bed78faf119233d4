import { parseArgs } from "node:util";
import { usageError } from "./errors";

// Command-line parsing on node:util's parseArgs: `--name=value` and `--name value`, booleans, and
// `--` ending the CLI's own options (`dotenv run <path> -- <command…>`). Unknown options are usage
// errors that name only the option, never what followed its `=` (it may be a pasted secret).

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  /** Everything after the first `--` (only when the command accepts it). */
  rest: string[] | null;
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  help: { type: "boolean", short: "h" },
  organization: { type: "string" },
};

export function parseCommandArgs(argv: readonly string[], options: Record<string, OptionSpec>, acceptsRest = false): ParsedArgs {
  const separator = argv.indexOf("--");
  const own = acceptsRest && separator !== -1 ? argv.slice(0, separator) : [...argv];
  const rest = acceptsRest && separator !== -1 ? argv.slice(separator + 1) : null;
  try {
    const { values, positionals } = parseArgs({ args: own, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
    return { positionals, values: values as ParsedArgs["values"], rest };
  } catch (error) {
    throw usageError(describeParseError(error));
  }
}

// parseArgs quotes only the option's name (`'--foo'`, never `=value`); we keep just that name.
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? "";
  const option = /'(?:-\w, )?(-{1,2}[^'\s=<,]*)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`.trim();
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return message.includes("does not take an argument") ? `option ${option} takes no value` : `option ${option} needs a value`;
  }
  return "invalid arguments";
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}

export function booleanOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
