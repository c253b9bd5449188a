import { describe, expect, it } from 'vitest';
import { connectedAccountPreset } from './connect-presets';

describe('connectedAccountPreset', () => {
  it('starts Gmail at 500 a day, Google Workspace at 2,000 and Exchange Online at 30 a minute, 10,000 a day', () => {
    expect(connectedAccountPreset('google', 'someone@gmail.com')).toMatchObject({ ratePerDay: 500 });
    expect(connectedAccountPreset('google', 'Someone@GoogleMail.com')).toMatchObject({ ratePerDay: 500 });
    expect(connectedAccountPreset('google', 'billing@example.fr')).toMatchObject({
      kind: 'gmail',
      ratePerDay: 2000,
    });
    expect(connectedAccountPreset('microsoft', 'office@contoso.com')).toMatchObject({
      kind: 'microsoft',
      ratePerMinute: 30,
      ratePerDay: 10_000,
    });
  });
});
