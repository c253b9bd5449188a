'use client';

// A page of the app that failed: the error card inside the app's frame (the sidebar still works).
import { ErrorCard } from '@/app/components/error-card';

export default function AppError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorCard digest={error.digest} retry={reset} />;
}
