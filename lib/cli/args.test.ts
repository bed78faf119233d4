import { describe, expect, it } from "vitest";
import { booleanOption, parseCommandArgs, stringOption } from "./args";
import { CliError, EXIT } from "./errors";

const OPTIONS = { output: { type: "string", short: "o" }, yes: { type: "boolean", short: "y" } } as const;

describe("parseCommandArgs", () => {
  it("reads --name=value, --name value, short flags and positionals", () => {
    const args = parseCommandArgs(["my-app/backend", "--output=.env.local", "-y"], OPTIONS);
    expect(args.positionals).toEqual(["my-app/backend"]);
    expect(stringOption(args, "output")).toBe(".env.local");
    expect(booleanOption(args, "yes")).toBe(true);
    expect(stringOption(parseCommandArgs(["--output", "x"], OPTIONS), "output")).toBe("x");
    expect(stringOption(parseCommandArgs(["--output=a=b"], OPTIONS), "output")).toBe("a=b");
  });

  it("keeps everything after -- for commands that accept it, options of the command included", () => {
    const args = parseCommandArgs(["my-app", "--", "node", "--inspect", "server.js", "--"], {}, true);
    expect(args.positionals).toEqual(["my-app"]);
    expect(args.rest).toEqual(["node", "--inspect", "server.js", "--"]);
    expect(parseCommandArgs(["my-app"], {}, true).rest).toBeNull();
  });

  it("refuses unknown options as usage errors that never repeat the value", () => {
    const error = catchError(() => parseCommandArgs(["--client-key-value=hunter2-secret"], OPTIONS));
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toBe("unknown option --client-key-value");
    expect(catchError(() => parseCommandArgs(["--output"], OPTIONS)).message).toBe("option --output needs a value");
    expect(catchError(() => parseCommandArgs(["--yes=secret"], OPTIONS)).message).toBe("option --yes takes no value");
  });

  it("knows the global options", () => {
    expect(booleanOption(parseCommandArgs(["-h"], {}), "help")).toBe(true);
    expect(stringOption(parseCommandArgs(["--organization=01ARZ3NDEKTSV4RRFFQ69G5FAV"], {}), "organization")).toBe("01ARZ3NDEKTSV4RRFFQ69G5FAV");
  });
});

function catchError(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("expected a CliError");
}
