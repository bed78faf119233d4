import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { chromium } from "@playwright/test";

// Which Chromium the e2e tests drive. These machines cannot download Playwright's own browser
// build, so Debian's `chromium` package is the normal answer; Playwright's download is used only
// where it already exists (other machines).

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

const INSTALL_HINT =
  "Install one with `sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu), " +
  "or point CHROMIUM_PATH at a Chromium/Chrome executable.";

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The Chromium executable to use, or undefined when none is found. */
export function locateChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    // An explicit choice is never second-guessed: a wrong path must fail loudly, not fall back.
    if (!isExecutableFile(fromEnv)) {
      throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file. ${INSTALL_HINT}`);
    }
    return fromEnv;
  }
  for (const candidate of SYSTEM_CANDIDATES) {
    if (isExecutableFile(candidate)) return candidate;
  }
  try {
    const downloaded = chromium.executablePath();
    if (downloaded && isExecutableFile(downloaded)) return downloaded;
  } catch {
    // Playwright throws when it has no browser registry entry for this platform: none downloaded.
  }
  return undefined;
}

/** The Chromium executable to use; throws with install instructions when there is none. */
export function findChromium(): string {
  const found = locateChromium();
  if (!found) {
    throw new Error(
      `No Chromium found (looked at CHROMIUM_PATH, ${SYSTEM_CANDIDATES.join(", ")} and ` +
        `Playwright's downloaded browsers). ${INSTALL_HINT}`,
    );
  }
  return found;
}

function commandExists(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: ["ignore", "inherit", "inherit"], env });
  if (result.error) console.error(`  could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

/**
 * Make sure a Chromium exists, installing one if needed: with apt when we are root on a Debian-like
 * machine (about a minute), else with `npx playwright install chromium` where apt does not exist
 * (it needs the Playwright CDN, so it fails on the offline machines but is right elsewhere).
 * Returns the executable's path, or throws with instructions.
 */
export function ensureChromium(): string {
  const existing = locateChromium();
  if (existing) {
    console.log(`Chromium: ${existing}`);
    return existing;
  }

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (commandExists("apt-get")) {
    if (isRoot) {
      console.log("No Chromium found: installing Debian's `chromium` package with apt (about a minute)...");
      const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
      if (!run("apt-get", ["update"], env) || !run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], env)) {
        console.error("apt-get could not install chromium.");
      }
    } else {
      throw new Error(`No Chromium found, and installing one with apt needs root. ${INSTALL_HINT}`);
    }
  } else {
    console.log("No Chromium found and no apt-get: trying `npx playwright install chromium`...");
    run("npx", ["playwright", "install", "chromium"]);
  }

  const installed = locateChromium();
  if (!installed) throw new Error(`Chromium installation did not produce a usable browser. ${INSTALL_HINT}`);
  console.log(`Chromium: ${installed}`);
  return installed;
}
