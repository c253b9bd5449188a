CREATE TABLE "inbox_push_leases" (
	"mailbox_id" uuid PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"holder" text NOT NULL,
	"acquired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox_mailboxes" ADD COLUMN "push" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_push_leases" ADD CONSTRAINT "inbox_push_leases_mailbox_id_inbox_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."inbox_mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_push_leases_host_expires_at_index" ON "inbox_push_leases" USING btree ("host","expires_at");