'use client';

// The live view of a run: everything on it is rebuilt from the run's events (replayed, then live)
// over an EventSource, so a refresh, a second viewer, a web restart or a dropped connection all
// end up showing the same thing and carry on.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { type ReactNode, useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { Alert, Badge, Button, Card } from '@/app/components/ui';
import type { FailedDelivery } from '@/lib/bulk/list-failed-deliveries';
import type { RunCounters, RunEventMessage, RunView } from '@/lib/progress/progress.schema';
import { FailedInvoices } from './[id]/failed-invoices';
import { cancelRunAction, retryFailedAction } from './actions';
import { describeRunEvent, formatDuration } from './describe-run-event';

/** What the page knows of the run before its events arrive (a RunView; dates cross as Dates). */
export type RunSnapshot = Pick<RunView, 'id' | 'kind' | 'startedAt' | 'finishedAt' | keyof RunCounters>;

// Lines keep their data, not their words: they are written in the viewer's language at render.
type LogLine = Pick<RunEventMessage, 'seq' | 'kind' | 'message' | 'data' | 'at'>;
type Phase = { at: number; processed: number };

/** Lines kept on the page; older ones are summarised (the API has them all). */
const MAX_LINES = 5000;
/** The SSE event names the stream uses (one per event kind). */
const RUN_EVENT_KINDS = [
  'start',
  'progress',
  'error',
  'complete',
] as const satisfies readonly RunEventMessage['kind'][];

export function RunProgress({
  initial,
  failedInvoices = [],
}: {
  initial: RunSnapshot;
  /** The run's failed invoices as the server last saw them (refreshed when the run ends). */
  failedInvoices?: FailedDelivery[];
}) {
  const runId = initial.id;
  const router = useRouter();
  const t = useTranslations('runProgress');
  const tLog = useTranslations('runLog');
  const tRuns = useTranslations('runs');
  const tStatus = useTranslations('runStatus');
  const format = useFormatter();
  const [counters, setCounters] = useState<RunCounters>(initial);
  const [lines, setLines] = useState<LogLine[]>([]);
  const [dropped, setDropped] = useState(0);
  const received = useRef(0);
  const [phase, setPhase] = useState<Phase>({ at: new Date(initial.startedAt).getTime(), processed: 0 });
  const [finishedAt, setFinishedAt] = useState<number | null>(
    initial.finishedAt ? new Date(initial.finishedAt).getTime() : null,
  );
  const [summary, setSummary] = useState<LogLine | null>(null);
  const [connection, setConnection] = useState<'connecting' | 'live' | 'reconnecting' | 'done'>('connecting');
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [actionError, setActionError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const lastSeq = useRef(0);
  const sawRunning = useRef(initial.status === 'running');
  const [generation, setGeneration] = useState(0);
  const logEnd = useRef<HTMLDivElement>(null);
  const follow = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation reconnects after a retry
  useEffect(() => {
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let flushScheduled = false;
    let stopped = false;
    let pending: RunEventMessage[] = [];

    // Events can arrive by the thousand on a replay: apply them in one render per frame.
    const flush = () => {
      flushScheduled = false;
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      const last = batch[batch.length - 1]!;
      setCounters(last.data.counters);
      const starts = batch.filter((e) => e.kind === 'start');
      const lastStart = starts[starts.length - 1];
      if (lastStart) {
        setPhase({ at: Date.parse(lastStart.at), processed: lastStart.data.counters.processed });
        setFinishedAt(null);
        setSummary(null);
      }
      const complete = batch.findLast((e) => e.kind === 'complete');
      if (complete && complete.seq > (lastStart?.seq ?? 0)) {
        setFinishedAt(Date.parse(complete.at));
        setSummary(complete);
      }
      received.current += batch.length;
      setDropped(Math.max(0, received.current - MAX_LINES));
      setLines((current) =>
        current
          .concat(batch.map(({ seq, kind, message, data, at }) => ({ seq, kind, message, data, at })))
          .slice(-MAX_LINES),
      );
    };
    const scheduleFlush = () => {
      if (flushScheduled) return;
      flushScheduled = true;
      if (document.visibilityState === 'visible') requestAnimationFrame(flush);
      else setTimeout(flush, 250);
    };

    const connect = () => {
      if (stopped) return;
      const query = lastSeq.current ? `?lastEventId=${lastSeq.current}` : '';
      source = new EventSource(`/api/v1/runs/${runId}/events${query}`);
      source.onopen = () => setConnection('live');
      const onEvent = (message: MessageEvent<string>) => {
        const event = JSON.parse(message.data) as RunEventMessage;
        if (event.seq <= lastSeq.current) return;
        lastSeq.current = event.seq;
        pending.push(event);
        scheduleFlush();
        if (event.kind === 'complete') {
          // The run is over: stop here rather than let the browser reconnect.
          source?.close();
          setConnection('done');
          // Seen ending here (not just replayed): the failed list on the page is out of date.
          if (sawRunning.current) router.refresh();
        } else if (event.data.counters.status === 'running') {
          sawRunning.current = true;
        }
      };
      // The stream names each event by its kind (event: start | progress | error | complete).
      for (const kind of RUN_EVENT_KINDS) source.addEventListener(kind, onEvent);
      source.onerror = () => {
        if (source?.readyState === EventSource.CLOSED) {
          // The browser gave up (e.g. a proxy answered 502 during a restart): try again ourselves,
          // resuming after the last event we have.
          setConnection('reconnecting');
          retryTimer = setTimeout(connect, 2000);
        } else if (source?.readyState === EventSource.CONNECTING) {
          setConnection('reconnecting');
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [runId, generation]);

  useEffect(() => {
    if (finishedAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [finishedAt]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when lines change
  useEffect(() => {
    // The log box scrolls itself; scrollIntoView would also move the page (down, and sideways on a phone).
    const box = logEnd.current?.parentElement;
    if (follow.current && box) box.scrollTop = box.scrollHeight;
  }, [lines]);

  const act = useCallback(
    (action: (id: string) => Promise<{ error?: string }>) => {
      setActionError(null);
      startTransition(async () => {
        const result = await action(runId);
        if (result.error) setActionError(result.error);
        // A retry reopens a finished run: listen again from where we are.
        else if (connection === 'done') {
          setConnection('connecting');
          setGeneration((g) => g + 1);
        }
      });
    },
    [runId, connection],
  );

  const { total, processed, succeeded, failed, cancelled, status } = counters;
  const remaining = Math.max(0, total - processed);
  const percent = total === 0 ? 100 : Math.floor((processed / total) * 100);
  const end = finishedAt ?? Math.max(now, phase.at);
  const elapsedMs = Math.max(0, end - phase.at);
  const doneInPhase = processed - phase.processed;
  const perMinute = elapsedMs > 0 && doneInPhase > 0 ? (doneInPhase / elapsedMs) * 60_000 : null;
  const etaMs = perMinute && remaining > 0 ? (remaining / perMinute) * 60_000 : null;
  const describe = (line: LogLine) => describeRunEvent(tLog, tRuns, initial.kind, line);
  const shown = errorsOnly ? lines.filter((l) => l.kind === 'error') : lines;

  return (
    <div className="space-y-4" data-testid="run-progress" data-run-id={runId}>
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div className="flex items-center gap-2">
            <StatusBadge status={status} label={tStatus(status)} />
            <span className="text-xs text-slate-500" data-testid="connection-status">
              {/* Once finished the badge says it all ("finished finished" read twice). */}
              {connection === 'live' ? t('live') : connection === 'done' ? null : t(connection)}
            </span>
          </div>
          <div className="flex gap-2">
            {status === 'running' ? (
              <Button variant="danger" disabled={pending} onClick={() => act(cancelRunAction)}>
                {t('cancel')}
              </Button>
            ) : null}
            {status !== 'running' && failed > 0 ? (
              <Button variant="secondary" disabled={pending} onClick={() => act(retryFailedAction)}>
                {t('retryFailed', { count: failed })}
              </Button>
            ) : null}
          </div>
        </div>
        <div
          className="mt-4 h-4 w-full overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          data-testid="progress-bar"
        >
          <div
            className={`h-full transition-all ${failed > 0 ? 'bg-amber-500' : 'bg-indigo-600'}`}
            style={{ width: `${percent}%` }}
          />
        </div>
        <p className="mt-2 text-3xl font-semibold" data-testid="progress-percent">
          {t('percent', { percent })}
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-4 text-sm sm:grid-cols-4 lg:grid-cols-8">
          <Stat label={t('total')} value={format.number(total)} testId="count-total" />
          <Stat label={t('processed')} value={format.number(processed)} testId="count-processed" />
          <Stat label={t('remaining')} value={format.number(remaining)} testId="count-remaining" />
          <Stat label={t('sent')} value={format.number(succeeded)} testId="count-succeeded" />
          <Stat label={t('failed')} value={format.number(failed)} testId="count-failed" />
          {cancelled ? (
            <Stat label={t('cancelled')} value={format.number(cancelled)} testId="count-cancelled" />
          ) : null}
          <Stat
            label={t('speed')}
            value={
              perMinute === null
                ? '—'
                : t.rich('perMinute', {
                    count: Math.round(perMinute),
                    // The unit smaller and kept on one line: it broke at its hyphen ("e-" / "mails").
                    unit: (chunks) => (
                      <span className="whitespace-nowrap text-sm font-normal text-slate-600">{chunks}</span>
                    ),
                  })
            }
            testId="speed"
          />
          <Stat label={t('elapsed')} value={formatDuration(tRuns, elapsedMs)} testId="elapsed" />
          <Stat
            label={t('eta')}
            value={status !== 'running' ? t('done') : etaMs === null ? '—' : formatDuration(tRuns, etaMs)}
            testId="eta"
          />
        </dl>
        {summary ? (
          <div className="mt-4">
            <Alert kind={failed > 0 || cancelled > 0 ? 'info' : 'success'}>
              <span data-testid="run-summary">{describe(summary)}</span>
            </Alert>
          </div>
        ) : null}
        {actionError ? (
          <div className="mt-4">
            <Alert kind="error">{actionError}</Alert>
          </div>
        ) : null}
      </Card>

      <FailedInvoices
        runId={runId}
        items={failedInvoices}
        canResend={status !== 'running'}
        onResent={() => {
          setConnection('connecting');
          setGeneration((g) => g + 1);
        }}
      />

      <Card>
        <div className="mb-2 flex items-center justify-between">
          <h2 className="text-sm font-medium text-slate-700">{t('log')}</h2>
          <label className="flex items-center gap-2 text-xs text-slate-600">
            <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} />
            {t('errorsOnly')}
          </label>
        </div>
        <div
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must scroll by keyboard too
          tabIndex={0}
          className="h-96 overflow-y-auto rounded bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100"
          onScroll={(e) => {
            const el = e.currentTarget;
            follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
          }}
        >
          {dropped > 0 ? <p className="text-slate-400">{t('dropped', { count: dropped })}</p> : null}
          <ol data-testid="run-log" className="[overflow-wrap:anywhere]">
            {shown.map((line) => (
              <li
                key={line.seq}
                data-kind={line.kind}
                className={
                  line.kind === 'error'
                    ? 'text-amber-300'
                    : line.kind === 'start' || line.kind === 'complete'
                      ? 'text-sky-300'
                      : undefined
                }
              >
                <span className="mr-2 text-slate-500">{format.dateTime(new Date(line.at), 'time')}</span>
                {typeof line.data.messageId === 'string' ? (
                  <Link
                    href={`/outbox/${line.data.messageId}`}
                    className="hover:underline"
                    data-testid="log-message-link"
                  >
                    {describe(line)}
                  </Link>
                ) : (
                  describe(line)
                )}
              </li>
            ))}
          </ol>
          <div ref={logEnd} />
        </div>
      </Card>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function StatusBadge({ status, label }: { status: RunCounters['status']; label: string }) {
  const tone = status === 'running' ? 'sky' : status === 'completed' ? 'green' : 'amber';
  return (
    <Badge tone={tone}>
      <span data-status={status}>{label}</span>
    </Badge>
  );
}
