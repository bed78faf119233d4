// Runs once when a server process starts (Next.js instrumentation), before any request: a server
// whose configuration cannot work, or whose master key is not its database's, refuses to start
// with a message naming the variable, instead of answering 503 at the first key use. Also answers
// what must happen at the HTTP server itself (lib/http/server-hooks.ts).

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("@/lib/http/server-hooks")).installServerHooks();
  const [{ assertConfiguration }, { assertMasterKeyMatchesDatabase, MasterKeyMismatchError }] = await Promise.all([
    import("@/lib/config/startup"),
    import("@/lib/services/keys/master-key-check"),
  ]);
  try {
    await assertConfiguration();
    await assertMasterKeyMatchesDatabase().catch((error: unknown) => {
      // A database that is down at start-up is checked again by whoever opens it next (the seed,
      // a key use); only a key that is known to be wrong stops the server.
      if (error instanceof MasterKeyMismatchError) throw error;
      console.warn(`[dotenv] could not check the master key against the database yet: ${(error as Error)?.name ?? "error"}`);
    });
  } catch (error) {
    console.error(`[dotenv] refusing to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
