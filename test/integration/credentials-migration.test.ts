// The migration that moves sealed passwords out of sender accounts and mailboxes into credentials:
// a database migrated up to the migration before it gets rows as they were stored then, is then
// migrated to the end, and every account still signs in with the same password.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { resolveCredential } from '@/lib/credentials/resolve-credential';
import { seal } from '@/lib/crypto/seal';
import { createDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { withDatabase } from '../helpers/postgres-server';

const adminUrl = inject('adminDatabaseUrl');
const name = `mailroom_test_migration_${crypto.randomBytes(6).toString('hex')}`;
const url = withDatabase(adminUrl, name);
const folders: string[] = [];

afterAll(async () => {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

/** The project's migrations up to (not including) the first whose name ends with `tagSuffix`. */
function migrationsBefore(tagSuffix: string): string {
  const source = path.join(process.cwd(), 'drizzle');
  const journal = JSON.parse(fs.readFileSync(path.join(source, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith(tagSuffix));
  expect(cut, `a migration named *${tagSuffix}`).toBeGreaterThan(0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-migrations-'));
  folders.push(dir);
  fs.mkdirSync(path.join(dir, 'meta'));
  const kept = journal.entries.slice(0, cut);
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: kept }));
  for (const e of kept) fs.copyFileSync(path.join(source, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

describe('moving passwords into credentials', () => {
  it('gives every account with a password a credential holding the same sealed password', async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    // The app's configuration (the sealing key) is read against this database.
    process.env.DATABASE_URL = url;
    resetEnvCache();
    const { db, sql } = createDb(url, 2);
    try {
      await migrate(db, { migrationsFolder: migrationsBefore('_credentials') });

      // Rows as the previous schema stored them.
      const smtpSealed = seal('smtp-Secret-1');
      const imapSealed = seal('imap-Secret-2');
      const [org] = await sql`insert into organizations (name, slug) values ('Old', ${name}) returning id`;
      const [smtp] = await sql`
        insert into sender_accounts (org_id, name, kind, from_address, host, port, security, username, password_sealed)
        values (${org!.id}, 'Relay', 'smtp', 'a@example.test', 'smtp.example.test', 587, 'starttls', 'a@example.test', ${smtpSealed})
        returning id`;
      const [preview] = await sql`
        insert into sender_accounts (org_id, name, kind, from_address, is_default)
        values (${org!.id}, 'Preview mailbox', 'preview', 'a@example.test', true) returning id`;
      const [noPassword] = await sql`
        insert into sender_accounts (org_id, name, kind, from_address, host, port, security)
        values (${org!.id}, 'Open relay', 'smtp', 'a@example.test', '10.0.0.1', 25, 'none') returning id`;
      const [mailbox] = await sql`
        insert into inbox_mailboxes (org_id, name, host, port, security, username, password_sealed)
        values (${org!.id}, 'Support', 'imap.example.test', 993, 'tls', 'support@example.test', ${imapSealed})
        returning id`;

      await migrate(db, { migrationsFolder: path.join(process.cwd(), 'drizzle') });

      const leftover = await sql`
        select table_name from information_schema.columns where column_name = 'password_sealed'`;
      expect(leftover).toEqual([]);
      const senders = await sql`select id, credential_id from sender_accounts order by name`;
      const byId = new Map(senders.map((s) => [s.id, s.credential_id as string | null]));
      expect(byId.get(preview!.id)).toBeNull();
      expect(byId.get(noPassword!.id)).toBeNull();
      const [box] = await sql`select credential_id from inbox_mailboxes where id = ${mailbox!.id}`;
      const rows =
        await sql`select id, org_id, kind, status, secret_sealed from credentials order by created_at`;
      expect(rows).toHaveLength(2);
      const smtpCredential = rows.find((r) => r.id === byId.get(smtp!.id))!;
      const imapCredential = rows.find((r) => r.id === box!.credential_id)!;
      expect(smtpCredential).toMatchObject({
        org_id: org!.id,
        kind: 'password',
        status: 'active',
        secret_sealed: smtpSealed,
      });
      expect(imapCredential).toMatchObject({ org_id: org!.id, kind: 'password', secret_sealed: imapSealed });

      // And the app reads them as it reads any credential.
      expect(await resolveCredential(db, { id: smtpCredential.id, orgId: org!.id })).toMatchObject({
        kind: 'password',
        password: 'smtp-Secret-1',
      });
      expect(await resolveCredential(db, { id: imapCredential.id, orgId: org!.id })).toMatchObject({
        password: 'imap-Secret-2',
      });
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});
