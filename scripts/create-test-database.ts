// Creates an empty database on the server TEST_DATABASE_URL names and prints its URL (the e2e
// PostgreSQL servers run on it; the app migrates it at start-up). `--drop <url>` drops it again
// when the run is done.
import { createScratchDatabase, dropScratchDatabase } from "./scratch-database";

if (process.argv[2] === "--drop") await dropScratchDatabase(process.argv[3]!);
else process.stdout.write(`${await createScratchDatabase("dotenv_e2e")}\n`);
