// SIGTERM / SIGINT → one graceful stop, for the worker and the dev/start supervisor. The same
// signal often arrives twice: a process manager (or Ctrl-C) signals the whole process group, and
// npm forwards what it got to its child as well. A repeat must not cut the stop short, so it is
// only noted; a stop that overruns its deadline exits 1 rather than hanging on forever.
export function handleStopSignals(
  stop: (signal: NodeJS.Signals) => Promise<number>,
  options: { deadlineMs: number; onRepeat?: (signal: NodeJS.Signals) => void },
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.onRepeat?.(signal);
      return;
    }
    stopping = true;
    setTimeout(() => {
      console.error(`Did not stop within ${options.deadlineMs} ms of ${signal}; exiting anyway.`);
      process.exit(1);
    }, options.deadlineMs).unref();
    stop(signal).then(
      (code) => process.exit(code),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
