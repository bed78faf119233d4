import path from "node:path";

/** Where the embedded database and the generated master key and session secret live (DOTENV_DATA_DIR, default ./.data). */
export function dataDirectory(): string {
  return process.env.DOTENV_DATA_DIR ?? path.join(process.cwd(), ".data");
}
