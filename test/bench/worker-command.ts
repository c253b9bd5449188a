// The worker as `npm run worker` starts it, for the benchmarks: the script's Node flags (its V8 heap
// settings) and entry point, without the shell's `exec node` in front (tsx is the one started), or
// BENCH_WORKER_NODE_FLAGS's flags instead when set ("" for Node's defaults; e.g. --cpu-prof).
import fs from 'node:fs';

export function workerArgs(): string[] {
  if (process.env.BENCH_WORKER_NODE_FLAGS !== undefined)
    return [...process.env.BENCH_WORKER_NODE_FLAGS.split(' ').filter(Boolean), 'worker/index.ts'];
  const script = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.worker as string;
  const words = script.split(' ').filter(Boolean);
  while (words[0] === 'exec' || words[0] === 'node') words.shift();
  return words;
}
