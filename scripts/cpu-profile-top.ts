// The top frames of V8 CPU profiles (`node --cpu-prof`, e.g. BENCH_CPU_PROF=<dir> npm run bench:api):
// `npx tsx scripts/cpu-profile-top.ts <file.cpuprofile>… [--top=25]`. Self time per function
// (name, file, line), and the share of all samples, idle and GC included.
import fs from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const args = process.argv.slice(2);
const top = Number(args.find((arg) => arg.startsWith("--top="))?.slice(6) ?? 25);
const files = args.filter((arg) => !arg.startsWith("--"));
const self = new Map<string, number>();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[] };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const sample of profile.samples) {
    const frame = byId.get(sample)!.callFrame;
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|\.next[^/]*)\//, "$1/")}:${frame.lineNumber + 1}` : "";
    const key = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + 1);
    total++;
  }
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [frame, count] of rows) console.log(`${((count / total) * 100).toFixed(1).padStart(5)}%  ${frame}`);
console.log(`${total} samples`);
