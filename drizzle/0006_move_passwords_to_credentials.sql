-- Every sealed password moves, as it is, into a credential of kind 'password' owned by the same
-- organisation, and the account points to it. The sealed text is kept byte for byte (a password
-- credential's secret is the sealed password itself), so this needs no key and runs in SQL alone.
-- Accounts that already have a credential are left alone: run again before the next migration drops
-- the old columns, it changes nothing.
WITH moved AS (
  SELECT id AS account_id, gen_random_uuid() AS credential_id, org_id, password_sealed
  FROM "sender_accounts"
  WHERE "password_sealed" IS NOT NULL AND "credential_id" IS NULL
), inserted AS (
  INSERT INTO "credentials" ("id", "org_id", "kind", "secret_sealed")
  SELECT credential_id, org_id, 'password', password_sealed FROM moved
)
UPDATE "sender_accounts" s SET "credential_id" = m.credential_id
FROM moved m WHERE s.id = m.account_id;
--> statement-breakpoint
WITH moved AS (
  SELECT id AS account_id, gen_random_uuid() AS credential_id, org_id, password_sealed
  FROM "inbox_mailboxes"
  WHERE "credential_id" IS NULL
), inserted AS (
  INSERT INTO "credentials" ("id", "org_id", "kind", "secret_sealed")
  SELECT credential_id, org_id, 'password', password_sealed FROM moved
)
UPDATE "inbox_mailboxes" b SET "credential_id" = m.credential_id
FROM moved m WHERE b.id = m.account_id;
