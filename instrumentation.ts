// Runs once when a Next.js server process starts (next dev, next start), before it serves pages:
// the web app wires itself here like the worker and the CLI do.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // A cancel in this process settles messages as surely as a send in the worker: the features'
  // origin handlers must be known here too.
  const { registerOriginHandlers } = await import('./lib/register-origin-handlers');
  registerOriginHandlers();
  // `next build` loads this too; the checks below are about serving, not building.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { tagRequestsWithPeerAddress } = await import('./lib/net/client-address');
  tagRequestsWithPeerAddress();
  const { lingerBeforeClosingUnreadRequests } = await import('./lib/net/lingering-close');
  lingerBeforeClosingUnreadRequests();
  const { exitIfSignInMailUnsafe } = await import('./lib/auth/sign-in-mail-problem');
  exitIfSignInMailUnsafe();
}
