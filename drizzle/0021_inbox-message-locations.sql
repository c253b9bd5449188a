CREATE TABLE "inbox_message_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"folder" text NOT NULL,
	"uid_validity" bigint NOT NULL,
	"uid" bigint NOT NULL,
	"found_at" timestamp with time zone DEFAULT now() NOT NULL,
	"gone_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "inbox_quarantined_messages_mailbox_id_external_id_index";--> statement-breakpoint
DROP INDEX "inbox_messages_mailbox_id_external_id_index";--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD COLUMN "content_digest" text;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbox_message_locations" ADD CONSTRAINT "inbox_message_locations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_message_locations" ADD CONSTRAINT "inbox_message_locations_mailbox_id_inbox_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."inbox_mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_message_locations" ADD CONSTRAINT "inbox_message_locations_message_id_inbox_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."inbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_message_locations_mailbox_id_folder_uid_validity_uid_index" ON "inbox_message_locations" USING btree ("mailbox_id","folder","uid_validity","uid");--> statement-breakpoint
CREATE INDEX "inbox_message_locations_message_id_index" ON "inbox_message_locations" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "inbox_message_locations_mailbox_id_gone_at_index" ON "inbox_message_locations" USING btree ("mailbox_id","gone_at");--> statement-breakpoint
CREATE INDEX "inbox_messages_mailbox_id_content_digest_index" ON "inbox_messages" USING btree ("mailbox_id","content_digest");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_quarantined_messages_mailbox_id_folder_uid_validity_uid_index" ON "inbox_quarantined_messages" USING btree ("mailbox_id","folder","uid_validity","uid");--> statement-breakpoint
CREATE INDEX "inbox_messages_mailbox_id_external_id_index" ON "inbox_messages" USING btree ("mailbox_id","external_id");--> statement-breakpoint
ALTER TABLE "inbox_folder_cursors" DROP COLUMN "rescan";