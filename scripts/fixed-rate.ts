// An open-loop load at a fixed rate (what wrk2 does): request i is due at start + i / rate and is
// sent then, whether or not earlier ones have been answered; its latency runs from when it was
// due, so a stall of the server (or of this generator) counts against every request it delays.
//
// autocannon's `overallRate` is not that: each connection sends back to back until it has made its
// share of the second's requests, then pauses until the next second (a burst at saturation every
// second), and its latency correction assumes an interval of 1 ms (`Math.ceil(1 / rate)`, seconds
// rounded up), so one 60 ms answer adds ~60 synthetic samples to the histogram.
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface FixedRateResult {
  sent: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  /** The generator's own longest event-loop delay (ms): a stall here delays sends and is counted too. */
  generatorLag: number;
}

export async function fixedRate(request: { url: string; method?: string; headers: Record<string, string>; body?: string }, rate: number, seconds: number): Promise<FixedRateResult> {
  const url = new URL(request.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let non2xx = 0;
  const answered: Promise<void>[] = [];
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const outgoing = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: request.method ?? "GET", headers: request.headers }, (response) => {
        response.resume();
        response.on("end", () => {
          latencies.push(performance.now() - due);
          if ((response.statusCode ?? 0) >= 300) non2xx++;
          resolve();
        });
      });
      outgoing.on("error", () => {
        non2xx++;
        resolve();
      });
      outgoing.end(request.body);
    });
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const start = performance.now() + 20;
  for (let next = 0; next < total; ) {
    // Everything due by now goes out; then sleep until the next is due.
    while (next < total && start + next * interval <= performance.now()) answered.push(send(start + next++ * interval));
    if (next < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + next * interval - performance.now())));
  }
  await Promise.all(answered);
  lag.disable();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (quantile: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? 0);
  return { sent: total, p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0), non2xx, generatorLag: Math.round(lag.max / 1e6) };
}
