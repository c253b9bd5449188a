// Every few seconds in every worker: the outbox messages queued since the last turn get their search
// text (lib/outbox/index-outbox-search.ts; one process at a time, the others skip their turn).
import { getDb } from '@/lib/db/client';
import { log } from '@/lib/log';
import { indexOutboxSearch } from '@/lib/outbox/index-outbox-search';
import type { WorkerLoop } from '../job';

/**
 * Short enough that searches match few messages directly. A turn reads one index entry per
 * organisation, so while nothing comes the wait doubles up to 30 s (the messages a search then
 * matches directly are the few that came meanwhile), and is short again once something did.
 */
const EVERY_MS = 2000;
const IDLE_MAX_MS = 30_000;

export const outboxSearchIndexLoop: WorkerLoop = {
  name: 'outbox-search-index',
  start: () => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let turn: Promise<void> = Promise.resolve();
    let wait = EVERY_MS;
    const tick = () => {
      turn = indexOutboxSearch(getDb())
        .then((n) => {
          if (n) log.debug({ messages: n }, 'outbox search indexed');
          wait = n ? EVERY_MS : Math.min(wait * 2, IDLE_MAX_MS);
        })
        .catch((error) => log.warn({ err: error }, 'outbox search indexing failed; next turn retries'))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, wait);
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
