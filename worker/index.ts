// `npm run worker`: the standalone worker process. Run as many as you like against one database.
import { loadEnvOrExit } from '@/lib/env';
import { log } from '@/lib/log';
import { assertNodeVersion } from '@/lib/runtime/assert-node-version';
import { loops, registry } from './registry';
import { runWorker } from './run-worker';

assertNodeVersion();
loadEnvOrExit();

const worker = await runWorker(registry, loops);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    worker.stop().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'worker did not stop cleanly');
        process.exit(1);
      },
    );
  });
}
