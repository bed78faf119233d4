import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// `pull --output`: the file appears whole or not at all, readable by its owner only (0600). Written
// to a temporary file in the same directory (so the rename cannot cross file systems), flushed to
// disk, then renamed over the target. An existing file's mode is not kept: secrets get 0600.

export function writeFileAtomic(target: string, text: string): void {
  const directory = path.dirname(path.resolve(target));
  const temporary = path.join(directory, `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = fs.openSync(temporary, "wx", 0o600);
  try {
    try {
      fs.fchmodSync(fd, 0o600); // the umask cannot widen it, but be explicit
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(directory);
}

/** Makes the rename itself durable where the platform allows opening a directory. */
function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(directory, "r");
    fs.fsyncSync(fd);
  } catch {
    // Not supported everywhere (e.g. Windows); the data itself is already on disk.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
