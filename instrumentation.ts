// Runs once when a Next.js server process starts (next dev, next start), before it serves pages.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` loads this too; the checks below are about serving, not building.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { tagRequestsWithPeerAddress } = await import('./lib/net/client-address');
  tagRequestsWithPeerAddress();
  const { exitIfSignInMailUnsafe } = await import('./lib/auth/sign-in-mail-problem');
  exitIfSignInMailUnsafe();
}
