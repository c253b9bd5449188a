// The sending limits a newly connected account starts with, per provider (the account's page can
// change them). They are held by the same per-account limits as any sender
// (lib/outbox/reserve-send-slots.ts), across every worker.
import type { OAuthProviderId } from './oauth-providers';

export const connectedAccountPresets: Record<
  OAuthProviderId,
  { kind: 'gmail' | 'microsoft'; ratePerMinute: number | null; ratePerDay: number | null; note: string }
> = {
  // Gmail: 500 messages a day for a personal account, 2,000 for Google Workspace; a daily-limit
  // answer pauses the account until tomorrow whatever is set here.
  google: {
    kind: 'gmail',
    ratePerMinute: null,
    ratePerDay: 500,
    note: 'Gmail: 500 a day (Google Workspace: 2,000)',
  },
  // Exchange Online: 30 messages a minute and 10,000 recipients a day per mailbox.
  microsoft: {
    kind: 'microsoft',
    ratePerMinute: 30,
    ratePerDay: 10_000,
    note: 'Exchange Online: 30 a minute, 10,000 recipients a day',
  },
};
