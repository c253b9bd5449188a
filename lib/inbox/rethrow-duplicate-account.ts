import { conflict } from '../api/errors';

/** The unique (org, host, username) index → 409; anything else is rethrown as it is. */
export function rethrowDuplicateAccount(error: unknown, host: string, username: string): never {
  const cause = (error instanceof Error && error.cause) || error;
  if ((cause as { code?: string })?.code === '23505') {
    throw conflict(`The mailbox ${username} on ${host} is already connected in this organisation.`).localized(
      'mailboxExists',
    );
  }
  throw error;
}
