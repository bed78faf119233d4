// `npm run bench:signin`: does signing in as an unknown user cost the same as a wrong password?
// (docs/security.md#guarantees: it must, or response times reveal which emails have accounts.) Runs the real sign-in
// service on a fresh embedded database, interleaving the two cases, and prints both and the ratio.
import { openTestDatabase } from "@/scripts/testing/database";
import { signIn, signUp } from "@/lib/services/accounts/accounts";

const ROUNDS = Number(process.env.ROUNDS ?? 40);

async function timeOnce(email: string, ip: string): Promise<number> {
  const started = performance.now();
  await signIn({ email, password: "definitely the wrong password" }, { ip, userAgent: "bench" }).catch(() => undefined);
  return performance.now() - started;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return { mean, p50: sorted[Math.floor(sorted.length / 2)]!, p90: sorted[Math.floor(sorted.length * 0.9)]! };
}

async function main() {
  const database = await openTestDatabase();
  try {
    await signUp({ name: "Bench", email: "bench@example.test", password: "the real password here" }, { ip: null, userAgent: null });
    await timeOnce("warmup@example.test", "192.0.2.250"); // first argon2 call builds the decoy hash
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // A distinct address and email per round keeps the rate limiter out of the measurement.
      wrong.push(await timeOnce("bench@example.test", `192.0.2.${i % 200}`));
      unknown.push(await timeOnce(`nobody-${i}@example.test`, `198.51.100.${i % 200}`));
      if (i % 9 === 8) await database.sql(`DELETE FROM "RateLimitBucket"`);
    }
    const w = summary(wrong);
    const u = summary(unknown);
    console.log(`sign-in, ${ROUNDS} rounds each, embedded database`);
    console.log(`  wrong password : mean ${w.mean.toFixed(1)} ms  p50 ${w.p50.toFixed(1)} ms  p90 ${w.p90.toFixed(1)} ms`);
    console.log(`  unknown email  : mean ${u.mean.toFixed(1)} ms  p50 ${u.p50.toFixed(1)} ms  p90 ${u.p90.toFixed(1)} ms`);
    console.log(`  ratio unknown / wrong (p50): ${(u.p50 / w.p50).toFixed(3)}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
