// `npm run worker`: the standalone worker process. Run as many as you like against one database.
// It runs as plain `node --import tsx` (package.json), never under a wrapper that relays signals,
// so SIGTERM reaches this process itself and the graceful stop below always runs to its end.
import { loadEnvOrExit } from '@/lib/env';
import { log } from '@/lib/log';
import { assertNodeVersion } from '@/lib/runtime/assert-node-version';
import { handleStopSignals } from '@/lib/runtime/handle-stop-signals';
import { loops, registry } from './registry';
import { runWorker } from './run-worker';

assertNodeVersion();
const { WORKER_SHUTDOWN_TIMEOUT_MS } = loadEnvOrExit();

/** Beyond the jobs' own deadline: closing pg-boss, the heartbeat and the pool. */
const CLOSE_MARGIN_MS = 15_000;

// Listening before the start, so a SIGTERM during it still ends in a clean stop.
const starting = runWorker(registry, loops);
handleStopSignals(
  async () => {
    try {
      await (await starting).stop();
      return 0;
    } catch (error) {
      log.error({ err: error }, 'worker did not stop cleanly');
      return 1;
    }
  },
  {
    deadlineMs: WORKER_SHUTDOWN_TIMEOUT_MS + CLOSE_MARGIN_MS,
    onRepeat: (signal) => log.info({ signal }, 'worker already stopping'),
  },
);
await starting;
