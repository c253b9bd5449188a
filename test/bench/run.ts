// `npm run bench [name…]`: runs the benchmarks (all, or those named) one after another and prints
// each one's figures beside the raw library's figures from the same run. Not part of `npm test`.
import { benches } from './benches';

const wanted = process.argv.slice(2);
const selected = wanted.length ? benches.filter((b) => wanted.includes(b.name)) : benches;
if (selected.length === 0) {
  console.error(`No benchmark named ${wanted.join(', ')}. Known: ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
for (const bench of selected) {
  console.log(`\n=== ${bench.name}: ${bench.description}`);
  await bench.run();
}
process.exit(0);
