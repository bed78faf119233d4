import type { ParsedArgs } from "../args";
import { usageError } from "../errors";

/** Commands that take exactly one <path> positional. */
export function singlePath(args: ParsedArgs): string {
  const [path, ...extra] = args.positionals;
  if (!path) throw usageError("missing <project>[/<target>[/<environment>]]");
  if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]!.slice(0, 40)}"`);
  return path;
}
