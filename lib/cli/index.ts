import { main } from "./main";

// Process entry point (loaded by bin.mjs). The exit code is set, not forced with process.exit(),
// so output piped to another program is flushed first.

process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
});
