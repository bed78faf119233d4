import { formatDocker, formatDotenv, formatJson, formatShell, UnrepresentableValueError } from "../dotenv/format";
import { CliError, EXIT, usageError } from "./errors";

// `--format=dotenv|shell|json|docker` (docs/cli.md#commands). The writers live in lib/dotenv/format.ts, shared
// with the API's raw=true output, so there is one quoting implementation.

export const FORMATS = {
  dotenv: formatDotenv,
  shell: formatShell,
  json: formatJson,
  docker: formatDocker,
} as const;

export type FormatName = keyof typeof FORMATS;

export function formatName(value: string | undefined, fallback: FormatName = "dotenv"): FormatName {
  if (value === undefined) return fallback;
  if (value in FORMATS) return value as FormatName;
  throw usageError(`unknown format "${value.slice(0, 40)}": use dotenv, shell, json or docker`);
}

/** The values as text; a value the format cannot carry is an error naming it (never its value). */
export function render(format: FormatName, values: Map<string, string>): string {
  try {
    return FORMATS[format](values);
  } catch (error) {
    if (error instanceof UnrepresentableValueError) throw new CliError(error.message, EXIT.error);
    throw error;
  }
}
