import { describe, expect, it } from 'vitest';
import { parseGeneratedMessage } from './check-generated-message';
import { messageInput } from './message.schema';

const good = {
  senderId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  to: [{ address: 'parent1@families.example', name: 'Parent Un' }],
  subject: 'Réunion pour Léa',
  text: 'Bonjour,\nla réunion a lieu demain.',
  html: '<div>Bonjour</div>',
  headers: { 'List-Unsubscribe': '<https://app.example/unsubscribe/x>' },
  expiresAt: new Date('2030-01-01T00:00:00Z'),
};

describe('a generated message is checked for what can still be wrong per recipient', () => {
  it('accepts a good one as the schema would', () => {
    const r = parseGeneratedMessage(good);
    expect(r).toEqual({ success: true, data: messageInput.parse(good) });
  });

  it('refuses a bad address, a line break in a header value and an empty body, with field paths', () => {
    const r = parseGeneratedMessage({
      ...good,
      to: [{ address: 'not an address' }, { address: 'ok@example.test', name: 'A\r\nBcc: x@evil.example' }],
      subject: 'Hi\nBcc: x@evil.example',
      text: ' ',
      html: undefined,
      headers: { 'X-Ok': 'a\nb' },
    });
    expect(r.success).toBe(false);
    expect(r.success ? [] : r.errors.map((e) => e.path).sort()).toEqual([
      'headers.X-Ok',
      'subject',
      'text',
      'to.0.address',
      'to.1.name',
    ]);
    expect(parseGeneratedMessage({ ...good, to: [] }).success).toBe(false);
  });

  it('gives anything outside its narrow shape, or holding NUL, to the full schema', () => {
    // A string address and an unknown field: the schema's own answers.
    expect(parseGeneratedMessage({ ...good, to: 'Ann <ann@example.test>' } as never)).toEqual({
      success: true,
      data: messageInput.parse({ ...good, to: 'Ann <ann@example.test>' }),
    });
    const unknown = parseGeneratedMessage({ ...good, colour: 'red' } as never);
    expect(unknown.success).toBe(false);
    const nul = parseGeneratedMessage({ ...good, text: 'a\u0000b' });
    expect(nul.success ? [] : nul.errors.map((e) => e.path)).toEqual(['text']);
  });
});
