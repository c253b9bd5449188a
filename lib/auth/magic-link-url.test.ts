import { describe, expect, it } from 'vitest';
import { magicLinkUrl } from './magic-link-url';

const link = (origin: string) =>
  `${origin}/api/auth/callback/email?callbackUrl=${encodeURIComponent(`${origin}/dashboard`)}&token=t&email=a%40b.c`;

describe('magicLinkUrl', () => {
  it('keeps the host it was asked from when it is APP_URL or, in development, a loopback alias of it', () => {
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000'])
      expect(magicLinkUrl(link(origin), 'http://localhost:3000', true)).toBe(link(origin));
    expect(magicLinkUrl(link('https://mail.example.com'), 'https://mail.example.com', false)).toBe(
      link('https://mail.example.com'),
    );
  });

  it('moves any other host onto APP_URL', () => {
    const moved = new URL(magicLinkUrl(link('http://evil.example'), 'http://localhost:3000', true));
    expect(moved.origin).toBe('http://localhost:3000');
    expect(moved.searchParams.get('token')).toBe('t');
    // Another port, and loopback aliases in production, are not ours either.
    expect(new URL(magicLinkUrl(link('http://127.0.0.1:4000'), 'http://localhost:3000', true)).origin).toBe(
      'http://localhost:3000',
    );
    expect(
      new URL(magicLinkUrl(link('http://127.0.0.1:3000'), 'https://mail.example.com', false)).origin,
    ).toBe('https://mail.example.com');
  });
});
