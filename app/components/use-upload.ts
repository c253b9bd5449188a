'use client';

// The state of a form that uploads straight to a REST import endpoint (the session cookie
// authenticates it): pending while it runs, then the endpoint's result or the words for its refusal.
import { useState } from 'react';

export function useUpload<Result>(
  url: string,
  words: {
    /** The page's sentence for a refusal (status and the API's English message). */
    refused: (status: number, message: string | undefined) => string;
    /** The page's sentence when the server could not be reached at all. */
    unreachable: string;
  },
) {
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    setResult(null);
    try {
      const res = await fetch(url, { method: 'POST', body: new FormData(event.currentTarget) });
      const body = await res.json();
      if (!res.ok) setError(words.refused(res.status, body.error?.message));
      else setResult(body as Result);
    } catch {
      setError(words.unreachable);
    } finally {
      setPending(false);
    }
  }

  return { result, error, pending, submit };
}
