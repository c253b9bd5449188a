import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifyOpen } from './classify-open';
import { renderVariables, unknownVariables, variablesIn } from './message-variables';
import { planRecipients, type ReachedContact } from './plan-recipients';
import { newTrackingId, signToken, verifyToken } from './tracking-token';

const contact = (over: Partial<ReachedContact>): ReachedContact => ({
  id: 'c',
  firstName: 'Léa',
  lastName: 'Martin',
  email: 'lea@example.fr',
  phone: '+33612345678',
  language: null,
  emailOptOutAt: null,
  emailOptOutReason: null,
  smsOptOutAt: null,
  smsOptOutReason: null,
  customFields: { childName: 'Hugo' },
  ...over,
});

describe('message variables', () => {
  it('finds, checks and renders them; a missing value names the variable', () => {
    expect(variablesIn('Hi {firstName}', '{childName} {firstName}')).toEqual(['firstName', 'childName']);
    expect(unknownVariables(['firstName', 'childName', 'nick'], new Set(['childName']))).toEqual(['nick']);
    expect(renderVariables('Bonjour {firstName}, {childName}', contact({}))).toEqual({
      ok: true,
      text: 'Bonjour Léa, Hugo',
    });
    expect(renderVariables('{childName}', contact({ customFields: { childName: '  ' } }))).toEqual({
      ok: false,
      missing: 'childName',
    });
  });

  it('gives each contact the channels it can receive, skipping opt-outs with the reason', () => {
    const plan = planRecipients(
      [
        contact({ id: 'both' }),
        contact({ id: 'mail', phone: null }),
        contact({ id: 'none', email: null, phone: null }),
        contact({ id: 'out', smsOptOutAt: new Date(), smsOptOutReason: 'STOP' }),
      ],
      { channels: ['email', 'sms'], subject: 'S', content: 'C {firstName}' },
    );
    expect(plan.map((p) => [p.contact.id, p.channel, p.status, p.reason])).toEqual([
      ['both', 'email', 'pending', null],
      ['both', 'sms', 'pending', null],
      ['mail', 'email', 'pending', null],
      ['none', 'email', 'skipped', 'no-address: no email address nor mobile phone number'],
      ['out', 'email', 'pending', null],
      ['out', 'sms', 'skipped', 'opted-out: opted out of SMS (STOP)'],
    ]);
  });
});

describe('tracking tokens', () => {
  it('carry a random id, signed per purpose; altered or other-purpose tokens are refused', () => {
    const key = Buffer.alloc(32, 7);
    const id = newTrackingId();
    const token = signToken('open', id, key);
    expect(verifyToken('open', token, key)).toBe(id);
    expect(verifyToken('open', token, Buffer.alloc(32, 8))).toBeNull();
    expect(verifyToken('unsubscribe', token, key)).toBeNull();
    expect(verifyToken('open', `${id}.${'A'.repeat(22)}`, key)).toBeNull();
    expect(verifyToken('open', 'nonsense', key)).toBeNull();
    // The signature is HMAC-SHA256 (RFC 2104), as node:crypto computes it.
    const standard = crypto
      .createHmac('sha256', key)
      .update(`open:${id}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    expect(token).toBe(`${id}.${standard}`);
  });
});

describe('opens', () => {
  it('tells Apple Mail Privacy Protection and scanners from people', () => {
    expect(classifyOpen('Mozilla/5.0')).toEqual({ machine: true, why: 'apple-mpp' });
    expect(classifyOpen(null)).toEqual({ machine: true, why: 'no-user-agent' });
    expect(classifyOpen('Mozilla/5.0 (compatible; Barracuda Sentinel)').machine).toBe(true);
    expect(classifyOpen('python-requests/2.31')).toMatchObject({ machine: true, why: 'scanner' });
    expect(classifyOpen('Mozilla/5.0 (Windows NT 10.0; Win64; x64) via ggpht.com GoogleImageProxy')).toEqual({
      machine: false,
    });
    expect(classifyOpen('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15')).toEqual({
      machine: false,
    });
  });
});
