import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env';

const base = { DATABASE_URL: 'postgres://u@localhost:5432/db', MAILROOM_SECRET_KEY: 'ab'.repeat(32) };

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration', () => {
  it('accepts a minimal environment and fills defaults', () => {
    const env = parseEnv(base);
    expect(env.databaseUrl).toBe(base.DATABASE_URL);
    expect(env.secretKey).toHaveLength(32);
    expect(env.previewMail).toBe(true);
    expect(env.MAILROOM_RETENTION_DAYS).toBe(30);
  });

  it('names every bad variable in one error, without echoing values', () => {
    const found = problems({
      ...base,
      DATABASE_URL: 'mysql://nope',
      MAILROOM_SECRET_KEY: 'supersecretvalue',
      SMTP_URL: 'http://x',
      MAILROOM_RETENTION_DAYS: '-4',
    });
    expect(found.map((p) => p.split(' ')[0])).toEqual([
      'DATABASE_URL',
      'MAILROOM_SECRET_KEY',
      'SMTP_URL',
      'MAILROOM_RETENTION_DAYS',
    ]);
    expect(found.join('\n')).not.toContain('supersecretvalue');
  });

  it('requires a secret key in production with an external database, and both halves of an OAuth pair', () => {
    expect(problems({ DATABASE_URL: base.DATABASE_URL, NODE_ENV: 'production' })[0]).toMatch(
      /^MAILROOM_SECRET_KEY/,
    );
    expect(problems({ ...base, AUTH_GOOGLE_ID: 'id' })[0]).toMatch(/^AUTH_GOOGLE_SECRET/);
  });

  it('defaults every Google and Microsoft endpoint to the real one, and wants client ids with their secrets', () => {
    const env = parseEnv(base);
    expect(env).toMatchObject({
      GOOGLE_TOKEN_URL: 'https://oauth2.googleapis.com/token',
      GMAIL_API_URL: 'https://gmail.googleapis.com/',
      GOOGLE_IMAP_HOST: 'imap.gmail.com',
      MICROSOFT_TENANT: 'common',
      MICROSOFT_AUTHORITY_URL: 'https://login.microsoftonline.com/{tenant}',
      MICROSOFT_SMTP_HOST: 'smtp.office365.com',
      MICROSOFT_IMAP_HOST: 'outlook.office365.com',
      MICROSOFT_SEND_VIA: 'graph',
    });
    expect(problems({ ...base, GOOGLE_CLIENT_ID: 'id', MICROSOFT_CLIENT_SECRET: 'shh' })).toEqual([
      'GOOGLE_CLIENT_SECRET connecting accounts needs both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET',
      'MICROSOFT_CLIENT_ID connecting accounts needs both MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET',
    ]);
    expect(problems({ ...base, GMAIL_API_URL: 'not a url' })).toEqual([
      expect.stringMatching(/^GMAIL_API_URL /),
    ]);
    expect(parseEnv({ ...base, MICROSOFT_SEND_VIA: 'smtp' }).MICROSOFT_SEND_VIA).toBe('smtp');
    expect(problems({ ...base, MICROSOFT_SEND_VIA: 'ews' })).toEqual([
      expect.stringMatching(/^MICROSOFT_SEND_VIA .*graph.*smtp/),
    ]);
  });
});
