ALTER TABLE "inbox_mailboxes" ALTER COLUMN "credential_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_mailboxes" DROP COLUMN "password_sealed";--> statement-breakpoint
ALTER TABLE "sender_accounts" DROP COLUMN "password_sealed";