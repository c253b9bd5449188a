// A run's log line in the viewer's language, rebuilt from the event's data (which the worker
// stores language-neutral: counters, status, client code, file, recipients, error), so a French
// and an English viewer read the same run in their own words, live and on replay. An event this
// does not know (another kind of run) shows the line stored with it.
import type { useTranslations } from 'next-intl';
import { EXPIRED_ERROR, serverAnswer, shortRecipients } from '@/lib/bulk/invoice-log-parts';
import type { RunCounters, RunEventMessage } from '@/lib/progress/progress.schema';

type RunLogT = ReturnType<typeof useTranslations<'runLog'>>;
type RunsT = ReturnType<typeof useTranslations<'runs'>>;

export function describeRunEvent(
  t: RunLogT,
  tRuns: RunsT,
  runKind: string,
  event: Pick<RunEventMessage, 'kind' | 'message' | 'data'>,
): string {
  const { data } = event;
  const c = data.counters;
  if (runKind === 'broadcast') return describeBroadcastEvent(t, tRuns, event);
  if (runKind !== 'invoices') {
    return event.kind === 'complete' && c.total > 0 ? runSummary(tRuns, runKind, c) : event.message;
  }
  switch (event.kind) {
    case 'start':
      if (typeof data.retrying === 'number') return t('retrying', { count: data.retrying });
      if (typeof data.recipients === 'number') {
        return t('starting', { invoices: c.total, recipients: data.recipients });
      }
      return event.message;
    case 'complete':
      return c.total === 0 ? t('nothingToDo') : runSummary(tRuns, runKind, c);
    default: {
      if (typeof data.clientCode !== 'string' || typeof data.fileName !== 'string') return event.message;
      const line = {
        n: String(c.processed),
        total: String(c.total),
        what: `${data.clientCode} - ${data.fileName}`,
      };
      if (data.status === 'sent') {
        const recipients = Array.isArray(data.recipients) ? data.recipients.map(String) : [];
        const { shown, more } = shortRecipients(recipients);
        return t('sent', { ...line, recipients: more ? t('more', { shown, more }) : shown });
      }
      if (data.status === 'failed') {
        const error = typeof data.error === 'string' ? data.error : '';
        return t('failed', { ...line, error: error === EXPIRED_ERROR ? t('expired') : serverAnswer(error) });
      }
      if (data.status === 'cancelled') return t('cancelled', line);
      return event.message;
    }
  }
}

/** A scheduled message's lines (lib/broadcasts/record-broadcast-outcomes.ts stores their data). */
function describeBroadcastEvent(
  t: RunLogT,
  tRuns: RunsT,
  event: Pick<RunEventMessage, 'kind' | 'message' | 'data'>,
): string {
  const { data } = event;
  const c = data.counters;
  if (event.kind === 'start' && typeof data.email === 'number' && typeof data.sms === 'number') {
    return t('broadcastStarting', {
      total: c.total,
      email: data.email,
      sms: data.sms,
      skipped: Number(data.skipped ?? 0),
    });
  }
  if (event.kind === 'complete') return c.total === 0 ? t('nothingToDo') : runSummary(tRuns, 'invoices', c);
  if (typeof data.address !== 'string') return event.message;
  const line = {
    n: String(c.processed),
    total: String(c.total),
    channel: data.channel === 'sms' ? 'SMS' : 'Email',
    address: data.address,
  };
  if (data.status === 'sent') return t('broadcastSent', line);
  if (data.status === 'failed') return t('broadcastFailed', { ...line, error: String(data.error ?? '') });
  if (data.status === 'cancelled') return t('broadcastCancelled', line);
  return event.message;
}

/** "48 sent, 2 failed of 50" / "48 envoyés, 2 en échec sur 50". */
export function runSummary(
  t: RunsT,
  runKind: string,
  c: Pick<RunCounters, 'succeeded' | 'failed' | 'cancelled' | 'total'>,
): string {
  const values = { succeeded: c.succeeded, failed: c.failed, cancelled: c.cancelled, total: c.total };
  return runKind === 'invoices' ? t('invoiceSummary', values) : t('defaultSummary', values);
}

/** "12 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(t: RunsT, ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return t('seconds', { s: String(s) });
  const m = Math.floor(s / 60);
  if (m < 60) return t('minutes', { m: String(m), s: String(s % 60).padStart(2, '0') });
  return t('hours', { h: String(Math.floor(m / 60)), m: String(m % 60).padStart(2, '0') });
}
