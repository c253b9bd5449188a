// Every few seconds in every worker: the outbox messages queued since the last turn get their search
// text (lib/outbox/index-outbox-search.ts; one process at a time, the others skip their turn).
import { getDb } from '@/lib/db/client';
import { log } from '@/lib/log';
import { indexOutboxSearch } from '@/lib/outbox/index-outbox-search';
import type { WorkerLoop } from '../job';

/** Short enough that searches match few messages directly; a turn with nothing new is two reads. */
const EVERY_MS = 2000;

export const outboxSearchIndexLoop: WorkerLoop = {
  name: 'outbox-search-index',
  start: () => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let turn: Promise<void> = Promise.resolve();
    const tick = () => {
      turn = indexOutboxSearch(getDb())
        .then((n) => {
          if (n) log.debug({ messages: n }, 'outbox search indexed');
        })
        .catch((error) => log.warn({ err: error }, 'outbox search indexing failed; next turn retries'))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, EVERY_MS);
        });
    };
    timer = setTimeout(tick, EVERY_MS);
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await turn;
      },
    };
  },
};
