import "server-only";
import { endLapsedGracePeriods } from "./grace";
import { sendExpiryReminders } from "./reminders";

// Time-driven work without a cron (docs/running.md#housekeeping): ending rotation grace periods
// that ran out and sending API-key expiry reminders. The API router and dashboard pages call
// `housekeepingTick()` on every request; each instance actually runs it at most once a minute, and
// the work itself is idempotent (conditional updates, one reminder row per key and kind), so any
// number of instances may race. The API-key list runs it for its organization on every read, so
// what it shows is current. A failure here never fails the request that triggered it.

const EVERY_MS = 60_000;
let lastRun = 0;
let running: Promise<void> | null = null;

export async function runTokenHousekeeping(organizationId?: string): Promise<void> {
  await endLapsedGracePeriods(organizationId);
  await sendExpiryReminders(organizationId);
}

export async function housekeepingTick(now = Date.now()): Promise<void> {
  if (running || now - lastRun < EVERY_MS) return;
  lastRun = now;
  running = runTokenHousekeeping()
    .catch((error: unknown) => {
      // Names the error class only: a message could carry anything.
      console.error(`housekeeping failed (${error instanceof Error ? error.name : typeof error}); retrying within a minute`);
    })
    .finally(() => {
      running = null;
    });
  await running;
}
