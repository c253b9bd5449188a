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
    return send(new FormData(event.currentTarget));
  }

  /** Posts this form data (kept from an earlier step, say); the answer as for submit. */
  async function send(data: FormData): Promise<Result | null> {
    setPending(true);
    setError(null);
    setResult(null);
    try {
      const res = await fetch(url, { method: 'POST', body: data });
      const body = await res.json();
      if (!res.ok) setError(words.refused(res.status, body.error?.message));
      else {
        setResult(body as Result);
        return body as Result;
      }
    } catch {
      setError(words.unreachable);
    } finally {
      setPending(false);
    }
    return null;
  }

  /** Forgets the last answer (the files it was about were changed). */
  const clear = () => {
    setResult(null);
    setError(null);
  };

  return { result, error, pending, submit, send, clear };
}
