import type { Io } from "../session";

// A progress line for long key changes: rewritten in place on a terminal, one final line elsewhere
// (CI logs stay short). Counts only — never a name or a value.

export function progressLine(io: Io, label: string) {
  const terminal = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let last = "";
  return {
    update(done: number, total: number) {
      if (!terminal) return;
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      last = `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`;
      io.stderr.write(`\r${last}`);
    },
    finish(message: string) {
      if (terminal && last) io.stderr.write(`\r${" ".repeat(last.length)}\r`);
      io.stderr.write(`${message}\n`);
    },
  };
}
