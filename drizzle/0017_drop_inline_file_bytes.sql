ALTER TABLE "invoices" ALTER COLUMN "file_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_message_attachments" ALTER COLUMN "file_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" DROP COLUMN "pdf";--> statement-breakpoint
ALTER TABLE "outbox_message_attachments" DROP COLUMN "content";