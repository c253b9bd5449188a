// The one place that constructs pg-boss. The worker runs a full instance; the web process and the
// CLI run a "sender" instance that only enqueues (no supervision, no cron, no schema changes).
import { PgBoss } from 'pg-boss';
import { env } from '../env';
import { log } from '../log';
import { queues } from './queues';

type Mode = 'worker' | 'sender' | 'migrate';

export function createBoss(url: string, mode: Mode): PgBoss {
  const boss = new PgBoss({
    connectionString: url,
    application_name: `mailroom-${mode}`,
    max: mode === 'worker' ? 10 : 3,
    supervise: mode === 'worker',
    // Expired jobs and jobs whose heartbeat stopped (a killed worker's) are failed and retried on
    // this pass: every 10 s instead of every minute.
    ...(mode === 'worker' ? { superviseIntervalSeconds: 10, monitorIntervalSeconds: 10 } : {}),
    // One LISTEN connection per worker: queues with `notify` (the send queues) wake it at commit.
    useListenNotify: mode === 'worker',
    schedule: mode === 'worker',
    migrate: mode !== 'sender',
    createSchema: mode !== 'sender',
  });
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error'));
  return boss;
}

/** Installs or upgrades pg-boss's schema and creates every queue Mailroom defines. */
export async function installQueues(url: string): Promise<void> {
  const boss = createBoss(url, 'migrate');
  await boss.start();
  try {
    for (const queue of queues) {
      const existing = await boss.getQueue(queue.name);
      // Policy and partitioning are fixed at creation; everything else follows the definition.
      const { policy: _policy, partition: _partition, ...updatable } = queue.options;
      if (existing) {
        if (Object.keys(updatable).length > 0) await boss.updateQueue(queue.name, updatable);
      } else await boss.createQueue(queue.name, queue.options);
    }
  } finally {
    await boss.stop({ graceful: false });
  }
}

const globalForBoss = globalThis as unknown as { __mailroomBoss?: Promise<PgBoss> };

/** The process's enqueue-only instance, started on first use. */
export function getSenderBoss(): Promise<PgBoss> {
  globalForBoss.__mailroomBoss ??= (async () => {
    const boss = createBoss(env().databaseUrl, 'sender');
    await boss.start();
    return boss;
  })();
  return globalForBoss.__mailroomBoss;
}

export async function stopSenderBoss(): Promise<void> {
  const pending = globalForBoss.__mailroomBoss;
  globalForBoss.__mailroomBoss = undefined;
  if (pending) await (await pending).stop({ graceful: false });
}
