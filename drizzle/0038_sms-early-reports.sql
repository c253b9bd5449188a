CREATE TABLE "sms_early_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"provider_message_id" text NOT NULL,
	"kind" "delivery_event_kind" NOT NULL,
	"recipient" text,
	"detail" text,
	"at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sms_early_reports" ADD CONSTRAINT "sms_early_reports_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_early_reports" ADD CONSTRAINT "sms_early_reports_sender_id_sender_accounts_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."sender_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sms_early_reports_sender_id_provider_message_id_kind_source_index" ON "sms_early_reports" USING btree ("sender_id","provider_message_id","kind","source");--> statement-breakpoint
CREATE INDEX "sms_early_reports_received_at_index" ON "sms_early_reports" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_sms_provider_id" ON "outbox_messages" USING btree ("sender_id","provider_message_id") WHERE "outbox_messages"."channel" = 'sms' and "outbox_messages"."provider_message_id" is not null;