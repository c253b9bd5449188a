// Sessions are stored under the sha256 of the cookie's token: the table alone lets nobody in.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailroomAdapter } from '@/lib/auth/adapter';
import { sessions, users } from '@/lib/db/schema/auth';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

async function newUser() {
  const [user] = await t.db
    .insert(users)
    .values({ email: `s-${crypto.randomBytes(3).toString('hex')}@example.test` })
    .returning();
  return user!;
}

describe('session tokens', () => {
  it('are stored hashed; the cookie token finds the session, the stored value does not', async () => {
    const adapter = mailroomAdapter(t.db);
    const user = await newUser();
    const token = crypto.randomUUID();
    const expires = new Date(Date.now() + 86_400_000);
    const created = await adapter.createSession!({ sessionToken: token, userId: user.id, expires });
    // Auth.js sets the cookie from this value: it must be the token itself.
    expect(created.sessionToken).toBe(token);

    const rows = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sessionToken).not.toBe(token);
    expect(rows[0]!.sessionToken).toBe(crypto.createHash('sha256').update(token).digest('hex'));

    const found = await adapter.getSessionAndUser!(token);
    expect(found?.user.id).toBe(user.id);
    expect(found?.session.sessionToken).toBe(token);
    // Someone holding the table (a backup) cannot use what is in it as a cookie.
    expect(await adapter.getSessionAndUser!(rows[0]!.sessionToken)).toBeNull();

    const later = new Date(Date.now() + 2 * 86_400_000);
    const updated = await adapter.updateSession!({ sessionToken: token, expires: later });
    expect(updated?.sessionToken).toBe(token);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row!.expires.getTime()).toBe(later.getTime());

    await adapter.deleteSession!(token);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it('the migration hashes sessions made before it, so their cookies keep working', async () => {
    const user = await newUser();
    const token = crypto.randomUUID();
    // A row as the old adapter wrote it: the token in clear.
    await t.db
      .insert(sessions)
      .values({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + 60_000) });
    const file = fs
      .readdirSync(path.join(process.cwd(), 'drizzle'))
      .find((f) => f.endsWith('hash-session-tokens.sql'));
    expect(file).toBeTruthy();
    const statement = fs.readFileSync(path.join(process.cwd(), 'drizzle', file!), 'utf8');
    await t.db.execute(sql.raw(`${statement.replace(/;\s*$/, '')} WHERE "user_id" = '${user.id}'`));
    const found = await mailroomAdapter(t.db).getSessionAndUser!(token);
    expect(found?.user.id).toBe(user.id);
  });
});
