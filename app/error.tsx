'use client';

// A page outside the app's frame that failed (sign-in, an invitation, the preview mailbox…).
import { ErrorCard } from './components/error-card';

export default function RootError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorCard digest={error.digest} retry={reset} />;
}
