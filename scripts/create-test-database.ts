// Creates an empty database on the server TEST_DATABASE_URL names and prints its URL (the e2e
// PostgreSQL server runs on it; the app migrates it at start-up).
import pg from "pg";

const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
const name = `dotenv_e2e_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
await admin.end();
const url = new URL(process.env.TEST_DATABASE_URL!);
url.pathname = `/${name}`;
process.stdout.write(`${url.toString()}\n`);
