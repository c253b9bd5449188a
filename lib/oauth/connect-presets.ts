// The sending limits a newly connected account starts with, per provider (the account's page can
// change them). They are held by the same per-account limits as any sender
// (lib/outbox/reserve-send-slots.ts), across every worker.
import type { OAuthProviderId } from './oauth-providers';

type Preset = { kind: 'gmail' | 'microsoft'; ratePerMinute: number | null; ratePerDay: number | null };

export const connectedAccountPresets: Record<OAuthProviderId, Preset> = {
  // Gmail: 500 messages a day for a personal account; a daily-limit answer pauses the account
  // until tomorrow whatever is set here.
  google: { kind: 'gmail', ratePerMinute: null, ratePerDay: 500 },
  // Exchange Online: 30 messages a minute and 10,000 recipients a day per mailbox.
  microsoft: { kind: 'microsoft', ratePerMinute: 30, ratePerDay: 10_000 },
};

/** Google Workspace (any domain but Gmail's own) may send 2,000 a day. */
const WORKSPACE_DAILY = 2_000;

/** The preset for this account: a Google address outside gmail.com is a Workspace account. */
export function connectedAccountPreset(provider: OAuthProviderId, address: string): Preset {
  const preset = connectedAccountPresets[provider];
  const domain = address.split('@').pop()?.toLowerCase();
  return provider === 'google' && domain !== 'gmail.com' && domain !== 'googlemail.com'
    ? { ...preset, ratePerDay: WORKSPACE_DAILY }
    : preset;
}
