CREATE TYPE "public"."inbox_automatic_kind" AS ENUM('bounce', 'auto-reply');--> statement-breakpoint
CREATE TYPE "public"."suppression_reason" AS ENUM('hard-bounce', 'complaint', 'manual');--> statement-breakpoint
CREATE TABLE "suppressed_addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"address" text NOT NULL,
	"reason" "suppression_reason" NOT NULL,
	"source" text NOT NULL,
	"detail" text,
	"message_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD COLUMN "automatic" "inbox_automatic_kind";--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD COLUMN "bounce" jsonb;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "suppressed" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "suppressed_addresses" ADD CONSTRAINT "suppressed_addresses_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "suppressed_addresses_org_id_address_index" ON "suppressed_addresses" USING btree ("org_id","address");--> statement-breakpoint
CREATE INDEX "outbox_messages_message_id" ON "outbox_messages" USING btree ("org_id","message_id");