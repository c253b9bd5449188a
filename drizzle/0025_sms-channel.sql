CREATE TYPE "public"."delivery_channel" AS ENUM('email', 'sms');--> statement-breakpoint
CREATE TYPE "public"."sms_encoding" AS ENUM('GSM-7', 'UCS-2');--> statement-breakpoint
ALTER TYPE "public"."sender_kind" ADD VALUE 'twilio';--> statement-breakpoint
ALTER TYPE "public"."sender_kind" ADD VALUE 'brevo';--> statement-breakpoint
ALTER TYPE "public"."delivery_event_kind" ADD VALUE 'undelivered';--> statement-breakpoint
ALTER TYPE "public"."delivery_event_kind" ADD VALUE 'failed';--> statement-breakpoint
CREATE TABLE "outbox_sms" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"to_phone" text NOT NULL,
	"text" text NOT NULL,
	"segments" integer NOT NULL,
	"encoding" "sms_encoding" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_account_settings" (
	"sender_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"provider_account_id" text,
	"messaging_service_id" text,
	"webhook_token" text NOT NULL,
	"max_segments" integer DEFAULT 6 NOT NULL
);
--> statement-breakpoint
DROP INDEX "sender_accounts_one_default";--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "channel" "delivery_channel" DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "sender_accounts" ADD COLUMN "channel" "delivery_channel" DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_sms" ADD CONSTRAINT "outbox_sms_message_id_outbox_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_sms" ADD CONSTRAINT "outbox_sms_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_account_settings" ADD CONSTRAINT "sms_account_settings_sender_id_sender_accounts_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."sender_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_account_settings" ADD CONSTRAINT "sms_account_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_sms_org_id_to_phone_index" ON "outbox_sms" USING btree ("org_id","to_phone");--> statement-breakpoint
CREATE UNIQUE INDEX "sms_account_settings_webhook_token_index" ON "sms_account_settings" USING btree ("webhook_token");--> statement-breakpoint
CREATE UNIQUE INDEX "sender_accounts_one_default_per_channel" ON "sender_accounts" USING btree ("org_id","channel") WHERE "sender_accounts"."is_default" and "sender_accounts"."deleted_at" is null;