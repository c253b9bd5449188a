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
});
