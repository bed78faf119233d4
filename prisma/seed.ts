// `npm run seed [-- --json]`: ensures the demo organization and prints how to use it (docs/running.md#configuration).
// `--organization=NAME --owner=EMAIL` seed another organization the same way (test fixtures).
import { closeDb } from "@/lib/data/db";
import { seedDemo } from "@/lib/services/seed/demo-seed";

async function main() {
  const json = process.argv.includes("--json");
  try {
    const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) || undefined;
    const seed = await seedDemo({
      ownerPassword: process.env.SEED_OWNER_PASSWORD || undefined,
      organizationName: option("organization"),
      ownerEmail: option("owner"),
    });
    if (json) {
      process.stdout.write(`${JSON.stringify(seed)}\n`);
    } else {
      process.stdout.write(
        [
          "DotEnv demo organization is ready.",
          `  Organization ID: ${seed.organization_id}`,
          `  Owner:           ${seed.owner.email}`,
          `  Password:        ${seed.owner.password}   (reset on every run; sign in at /login)`,
          `  API token:       ${seed.token}   (allow-all, expires in 90 days; shown only now)`,
          "",
          "Try it:",
          `  curl -H "Authorization: Bearer $TOKEN" "http://localhost:3000/api/v1/${seed.organization_id}/my-app/backend/production/secrets?decrypt=true&merge=true"`,
          "",
          "Without SMTP_URL, invitation emails are kept in the development outbox: http://localhost:3000/dashboard/outbox",
          "",
        ].join("\n"),
      );
    }
  } finally {
    await closeDb();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
