// How many attachment bytes this process hands to its transports at once: a bound on the memory
// that messages in flight can cost whatever a transport does with their files (SMTP streams them;
// an HTTP API may need them whole), while small messages never wait (one message always goes,
// however large).
const BUDGET_BYTES = 128 * 1024 * 1024;

let inFlight = 0;
const waiting: { bytes: number; go: () => void }[] = [];

function admit(): void {
  while (waiting.length) {
    const next = waiting[0]!;
    if (inFlight > 0 && inFlight + next.bytes > BUDGET_BYTES) return;
    waiting.shift();
    inFlight += next.bytes;
    next.go();
  }
}

/** Waits until `bytes` fit in the budget; call the returned release once the transport is done. */
export async function reserveAttachmentBytes(bytes: number): Promise<() => void> {
  if (bytes === 0) return () => {};
  await new Promise<void>((go) => {
    waiting.push({ bytes, go });
    admit();
  });
  let released = false;
  return () => {
    if (released) return;
    released = true;
    inFlight -= bytes;
    admit();
  };
}
