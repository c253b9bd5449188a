CREATE TYPE "public"."delivery_event_kind" AS ENUM('bounced-hard', 'bounced-soft', 'delivered', 'opened', 'clicked', 'complained', 'unsubscribed');--> statement-breakpoint
CREATE TABLE "outbox_delivery_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"recipient" text,
	"kind" "delivery_event_kind" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"detail" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoice_deliveries" ADD COLUMN "last_event_kind" "delivery_event_kind";--> statement-breakpoint
ALTER TABLE "invoice_deliveries" ADD COLUMN "last_event_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoice_deliveries" ADD COLUMN "last_event_detail" text;--> statement-breakpoint
ALTER TABLE "outbox_delivery_events" ADD CONSTRAINT "outbox_delivery_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_delivery_events" ADD CONSTRAINT "outbox_delivery_events_message_id_outbox_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_delivery_events_message_id_at_index" ON "outbox_delivery_events" USING btree ("message_id","at");--> statement-breakpoint
CREATE INDEX "outbox_delivery_events_org_id_kind_at_index" ON "outbox_delivery_events" USING btree ("org_id","kind","at");