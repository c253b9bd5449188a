DROP INDEX "outbox_messages_run";--> statement-breakpoint
ALTER TABLE "outbox_messages" DROP COLUMN "run_id";