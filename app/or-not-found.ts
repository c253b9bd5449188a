// Pages load by (id, org): a use-case's 404 — absent, or another organisation's — becomes the
// page's 404. Anything else still propagates to the error page.
import { notFound } from 'next/navigation';
import { AppError } from '@/lib/api/errors';

export async function orNotFound<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}
