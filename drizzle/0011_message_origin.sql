CREATE TYPE "public"."message_origin_kind" AS ENUM('compose', 'api', 'invoice-run', 'broadcast', 'reply');--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "origin_kind" "message_origin_kind" DEFAULT 'api' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "origin_id" uuid;--> statement-breakpoint
CREATE INDEX "outbox_messages_origin" ON "outbox_messages" USING btree ("origin_kind","origin_id") WHERE "outbox_messages"."origin_id" is not null;