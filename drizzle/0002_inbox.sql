CREATE TYPE "public"."inbox_kind" AS ENUM('imap');--> statement-breakpoint
CREATE TYPE "public"."inbox_security" AS ENUM('tls', 'starttls', 'none');--> statement-breakpoint
CREATE TYPE "public"."inbox_sync_status" AS ENUM('pending', 'success', 'partial', 'error');--> statement-breakpoint
CREATE TABLE "inbox_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"inbox_message_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content_id" text,
	"inline" boolean DEFAULT false NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_folder_cursors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"folder" text NOT NULL,
	"uid_validity" bigint NOT NULL,
	"last_uid" bigint DEFAULT 0 NOT NULL,
	"highest_modseq" bigint,
	"backfill_before_uid" bigint,
	"rescan" boolean DEFAULT false NOT NULL,
	"messages" integer,
	"unseen" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_mailboxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" "inbox_kind" DEFAULT 'imap' NOT NULL,
	"name" text NOT NULL,
	"preset" text,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"security" "inbox_security" NOT NULL,
	"verify_tls" boolean DEFAULT true NOT NULL,
	"username" text NOT NULL,
	"password_sealed" text NOT NULL,
	"folders" jsonb DEFAULT '["INBOX"]'::jsonb NOT NULL,
	"interval_minutes" integer DEFAULT 5 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"status" "inbox_sync_status" DEFAULT 'pending' NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"last_sync_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"sync_started_at" timestamp with time zone,
	"next_sync_at" timestamp with time zone DEFAULT now() NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"message_count" integer DEFAULT 0 NOT NULL,
	"quarantined_count" integer DEFAULT 0 NOT NULL,
	"last_run" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"folder" text NOT NULL,
	"uid" bigint NOT NULL,
	"uid_validity" bigint NOT NULL,
	"external_id" text NOT NULL,
	"message_id" text,
	"in_reply_to" text,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"thread_key" text NOT NULL,
	"from_name" text DEFAULT '' NOT NULL,
	"from_address" text DEFAULT '' NOT NULL,
	"to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cc" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reply_to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"date" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"text" text,
	"html" text,
	"snippet" text DEFAULT '' NOT NULL,
	"seen" boolean DEFAULT false NOT NULL,
	"size" integer NOT NULL,
	"has_attachments" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_quarantined_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"folder" text NOT NULL,
	"uid" bigint NOT NULL,
	"uid_validity" bigint NOT NULL,
	"external_id" text NOT NULL,
	"error" text NOT NULL,
	"raw_size" integer NOT NULL,
	"raw" "bytea",
	"subject" text DEFAULT '' NOT NULL,
	"from" text DEFAULT '' NOT NULL,
	"received_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox_attachments" ADD CONSTRAINT "inbox_attachments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_attachments" ADD CONSTRAINT "inbox_attachments_inbox_message_id_inbox_messages_id_fk" FOREIGN KEY ("inbox_message_id") REFERENCES "public"."inbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_folder_cursors" ADD CONSTRAINT "inbox_folder_cursors_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_folder_cursors" ADD CONSTRAINT "inbox_folder_cursors_mailbox_id_inbox_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."inbox_mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_mailboxes" ADD CONSTRAINT "inbox_mailboxes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_mailbox_id_inbox_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."inbox_mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_quarantined_messages" ADD CONSTRAINT "inbox_quarantined_messages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_quarantined_messages" ADD CONSTRAINT "inbox_quarantined_messages_mailbox_id_inbox_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."inbox_mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_attachments_inbox_message_id_index" ON "inbox_attachments" USING btree ("inbox_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_folder_cursors_mailbox_id_folder_index" ON "inbox_folder_cursors" USING btree ("mailbox_id","folder");--> statement-breakpoint
CREATE INDEX "inbox_mailboxes_org_id_index" ON "inbox_mailboxes" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "inbox_mailboxes_active_next_sync_at_index" ON "inbox_mailboxes" USING btree ("active","next_sync_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_mailboxes_org_account_unique" ON "inbox_mailboxes" USING btree ("org_id",lower("host"),lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_messages_mailbox_id_external_id_index" ON "inbox_messages" USING btree ("mailbox_id","external_id");--> statement-breakpoint
CREATE INDEX "inbox_messages_org_id_received_at_id_index" ON "inbox_messages" USING btree ("org_id","received_at","id");--> statement-breakpoint
CREATE INDEX "inbox_messages_org_id_thread_key_index" ON "inbox_messages" USING btree ("org_id","thread_key");--> statement-breakpoint
CREATE INDEX "inbox_messages_org_id_message_id_index" ON "inbox_messages" USING btree ("org_id","message_id");--> statement-breakpoint
CREATE INDEX "inbox_messages_mailbox_id_folder_uid_index" ON "inbox_messages" USING btree ("mailbox_id","folder","uid");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_quarantined_messages_mailbox_id_external_id_index" ON "inbox_quarantined_messages" USING btree ("mailbox_id","external_id");--> statement-breakpoint
CREATE INDEX "inbox_quarantined_messages_org_id_created_at_index" ON "inbox_quarantined_messages" USING btree ("org_id","created_at");