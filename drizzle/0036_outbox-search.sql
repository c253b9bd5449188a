CREATE TABLE "outbox_search" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"document" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_search_state" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"indexed_before" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox_search" ADD CONSTRAINT "outbox_search_message_id_outbox_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_search" ADD CONSTRAINT "outbox_search_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_search_document_trgm" ON "outbox_search" USING gin ("document" gin_trgm_ops);