// Rate limits kept in Postgres: sign-in emails per address and per client address, API-key
// failures per client address. Two database connections stand for two web processes.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as authRoute from '@/app/api/auth/[...nextauth]/route';
import { AppError } from '@/lib/api/errors';
import { authenticateApiKey } from '@/lib/auth/authenticate-api-key';
import { createDb } from '@/lib/db/client';
import { rateLimits } from '@/lib/db/schema/auth';
import { resetEnvCache } from '@/lib/env';
import { hitRateLimit } from '@/lib/rate-limit/hit-rate-limit';
import { limitSignInEmail } from '@/lib/rate-limit/limit-sign-in-email';
import {
  API_KEY_FAILURES_PER_CLIENT,
  SIGN_IN_EMAILS_PER_ADDRESS,
  SIGN_IN_EMAILS_PER_CLIENT,
} from '@/lib/rate-limit/rules';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
const address = () => `198.51.100.${crypto.randomInt(1, 250)}-${crypto.randomBytes(3).toString('hex')}`;

async function outcome(p: Promise<unknown>): Promise<'ok' | number> {
  try {
    await p;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

describe('sign-in email limits', () => {
  it('five per address per ten minutes, counted across processes, then 429 with Retry-After', async () => {
    const other = createDb(t.url, 2);
    try {
      const email = `victim-${crypto.randomBytes(3).toString('hex')}@example.test`;
      const results: ('ok' | number)[] = [];
      // Alternate between two pools: the count is in the table, not in a process.
      for (let i = 0; i < SIGN_IN_EMAILS_PER_ADDRESS.limit + 2; i++) {
        const db = i % 2 === 0 ? t.db : other.db;
        // The same address however it is spelled, from a new client address each time.
        const spelled = i % 3 === 0 ? email.toUpperCase() : ` ${email} `;
        results.push(await outcome(limitSignInEmail(db, { email: spelled, clientAddress: address() })));
      }
      expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 429, 429]);
      const error = await limitSignInEmail(t.db, { email, clientAddress: null }).catch((e) => e);
      expect(error.status).toBe(429);
      expect(error.code).toBe('rate_limited');
      const retryAfter = Number(error.headers['Retry-After']);
      expect(retryAfter).toBeGreaterThan(500);
      expect(retryAfter).toBeLessThanOrEqual(600);
      expect(error.message).toMatch(/Try again in 1\d minutes|Try again in \d+ minutes/);
      // The table holds no address in clear.
      expect(JSON.stringify(await t.db.select().from(rateLimits))).not.toContain(email);
      // Another address is not affected.
      expect(await outcome(limitSignInEmail(t.db, { email: `x-${email}`, clientAddress: address() }))).toBe(
        'ok',
      );
    } finally {
      await other.sql.end();
    }
  });

  it('per client address: many addresses from one client are cut off too', async () => {
    const client = address();
    const results: ('ok' | number)[] = [];
    for (let i = 0; i < SIGN_IN_EMAILS_PER_CLIENT.limit + 1; i++) {
      results.push(
        await outcome(
          limitSignInEmail(t.db, { email: `u${i}-${client}@example.test`, clientAddress: client }),
        ),
      );
    }
    expect(results.filter((r) => r === 'ok')).toHaveLength(SIGN_IN_EMAILS_PER_CLIENT.limit);
    expect(results.at(-1)).toBe(429);
  });

  it('per client address: MAILROOM_SIGNIN_EMAILS_PER_CLIENT sets that limit (a proxy in front)', async () => {
    process.env.MAILROOM_SIGNIN_EMAILS_PER_CLIENT = '3';
    resetEnvCache();
    try {
      const client = address();
      const results: ('ok' | number)[] = [];
      for (let i = 0; i < 4; i++) {
        results.push(
          await outcome(
            limitSignInEmail(t.db, { email: `p${i}-${client}@example.test`, clientAddress: client }),
          ),
        );
      }
      expect(results).toEqual(['ok', 'ok', 'ok', 429]);
    } finally {
      delete process.env.MAILROOM_SIGNIN_EMAILS_PER_CLIENT;
      resetEnvCache();
    }
  });

  it("Auth.js's own POST /api/auth/signin/email answers 429 with Retry-After and the error shape", async () => {
    const email = `direct-${crypto.randomBytes(3).toString('hex')}@example.test`;
    const post = (contentType: string, body: string) =>
      authRoute.POST(
        new Request('http://localhost/api/auth/signin/email', {
          method: 'POST',
          headers: { 'content-type': contentType },
          body,
        }),
      );
    const form = new URLSearchParams({ email, csrfToken: 'x' }).toString();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < SIGN_IN_EMAILS_PER_ADDRESS.limit + 1; i++) {
      last = await post('application/x-www-form-urlencoded', form);
      statuses.push(last.status);
    }
    // The first ones reach Auth.js (which refuses the made-up CSRF token); the sixth never does.
    expect(statuses.slice(0, -1).every((s) => s !== 429)).toBe(true);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await last!.json()).error.code).toBe('rate_limited');
    // A JSON body counts the same.
    const json = await post('application/json', JSON.stringify({ email, csrfToken: 'x' }));
    expect(json.status).toBe(429);
  });

  it('a window that has passed starts over', async () => {
    const rule = { name: 'test-window', limit: 2, windowSeconds: 1 };
    const subject = address();
    expect((await hitRateLimit(t.db, rule, subject)).hits).toBe(1);
    expect((await hitRateLimit(t.db, rule, subject)).hits).toBe(2);
    expect((await hitRateLimit(t.db, rule, subject)).hits).toBe(3);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await hitRateLimit(t.db, rule, subject)).hits).toBe(1);
  });
});

describe('API-key failures per client address', () => {
  it('after the limit of wrong keys, every key from that address is refused for a while', async () => {
    const a = await createTestOrg(t.db);
    const client = address();
    const statuses: (number | 'ok')[] = [];
    for (let i = 0; i < API_KEY_FAILURES_PER_CLIENT.limit; i++) {
      statuses.push(await outcome(authenticateApiKey(t.db, `Bearer mr_live_wrong${i}`, client)));
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const blocked = await authenticateApiKey(t.db, `Bearer ${a.apiKey}`, client).catch((e) => e);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['Retry-After'])).toBeGreaterThan(0);
    // Another client address is not affected, and good keys are never counted.
    const elsewhere = address();
    for (let i = 0; i < API_KEY_FAILURES_PER_CLIENT.limit + 5; i++) {
      expect((await authenticateApiKey(t.db, `Bearer ${a.apiKey}`, elsewhere)).orgId).toBe(a.id);
    }
  });
});
