// Pieces of an invoice run's log line that do not depend on the language, shared by whoever
// writes the line: the recipients shortened, and the server's own answer picked out of an error.
// (lib/bulk/record-invoice-outcome.ts still has its own copies for the stored English line; it is
// being reshaped into a batch handler and should import these once it lands.)

/** "a@x.fr, b@y.fr" and how many more beyond the first two. */
export function shortRecipients(recipients: string[]): { shown: string; more: number } {
  return { shown: recipients.slice(0, 2).join(', '), more: Math.max(0, recipients.length - 2) };
}

/** The server's own answer ("550 mailbox unavailable") when the error quotes one, else the error. */
export function serverAnswer(error: string): string {
  return /(?:^|:\s*)([245]\d\d[ -][\s\S]*)$/.exec(error)?.[1] ?? error;
}

/** The error Mailroom stores for an invoice email that expired before it could go out. */
export const EXPIRED_ERROR = 'expired: not sent in time';
