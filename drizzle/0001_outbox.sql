CREATE TYPE "public"."invoice_delivery_status" AS ENUM('queued', 'sent', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."invoice_status" AS ENUM('never_sent', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."attempt_outcome" AS ENUM('sending', 'sent', 'temporary_failure', 'permanent_failure', 'quota_exceeded', 'interrupted');--> statement-breakpoint
CREATE TYPE "public"."message_queue" AS ENUM('transactional', 'bulk');--> statement-breakpoint
CREATE TYPE "public"."message_status" AS ENUM('scheduled', 'queued', 'sending', 'sent', 'failed', 'cancelled', 'expired');--> statement-breakpoint
CREATE TYPE "public"."sender_kind" AS ENUM('smtp', 'preview');--> statement-breakpoint
CREATE TYPE "public"."smtp_security" AS ENUM('tls', 'starttls', 'none');--> statement-breakpoint
CREATE TYPE "public"."run_event_kind" AS ENUM('start', 'progress', 'error', 'complete');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('running', 'completed', 'cancelled');--> statement-breakpoint
CREATE TABLE "invoice_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"status" "invoice_delivery_status" DEFAULT 'queued' NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 1 NOT NULL,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_code" text NOT NULL,
	"client_name" text NOT NULL,
	"period" text NOT NULL,
	"recipients" jsonb NOT NULL,
	"file_name" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"pdf_size" integer NOT NULL,
	"status" "invoice_status" DEFAULT 'never_sent' NOT NULL,
	"failure_reason" text,
	"sent_at" timestamp with time zone,
	"last_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_message_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content_id" text,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_message_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"outcome" "attempt_outcome" DEFAULT 'sending' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"smtp_code" integer,
	"response" text,
	"error" text,
	"provider_message_id" text,
	"worker_id" text
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"run_id" uuid,
	"queue" "message_queue" DEFAULT 'transactional' NOT NULL,
	"status" "message_status" NOT NULL,
	"from_address" text NOT NULL,
	"from_name" text,
	"to" jsonb NOT NULL,
	"cc" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bcc" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reply_to" text,
	"subject" text NOT NULL,
	"text" text,
	"html" text,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"message_id" text NOT NULL,
	"provider_message_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"last_error" text,
	"send_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"idempotency_key" text,
	"attachment_count" integer DEFAULT 0 NOT NULL,
	"attachment_bytes" integer DEFAULT 0 NOT NULL,
	"retry_of" uuid,
	"sent_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sender_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "sender_kind" NOT NULL,
	"preset" text,
	"from_address" text NOT NULL,
	"from_name" text,
	"reply_to" text,
	"host" text,
	"port" integer,
	"security" "smtp_security",
	"username" text,
	"password_sealed" text,
	"rate_per_minute" integer,
	"rate_per_day" integer,
	"max_connections" integer DEFAULT 5 NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"paused_until" timestamp with time zone,
	"pause_reason" text,
	"last_verified_at" timestamp with time zone,
	"last_verify_ok" boolean,
	"last_verify_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "run_events" (
	"run_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" "run_event_kind" NOT NULL,
	"message" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "run_events_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" "run_status" DEFAULT 'running' NOT NULL,
	"total" integer NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"cancelled" integer DEFAULT 0 NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"cancel_requested_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "invoice_deliveries" ADD CONSTRAINT "invoice_deliveries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_deliveries" ADD CONSTRAINT "invoice_deliveries_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_deliveries" ADD CONSTRAINT "invoice_deliveries_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_last_run_id_runs_id_fk" FOREIGN KEY ("last_run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_message_attachments" ADD CONSTRAINT "outbox_message_attachments_message_id_outbox_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_message_attachments" ADD CONSTRAINT "outbox_message_attachments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_message_attempts" ADD CONSTRAINT "outbox_message_attempts_message_id_outbox_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_message_attempts" ADD CONSTRAINT "outbox_message_attempts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_message_attempts" ADD CONSTRAINT "outbox_message_attempts_sender_id_sender_accounts_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."sender_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_sender_id_sender_accounts_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."sender_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_settings" ADD CONSTRAINT "outbox_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sender_accounts" ADD CONSTRAINT "sender_accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_deliveries_message_id_index" ON "invoice_deliveries" USING btree ("message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_deliveries_run_id_invoice_id_index" ON "invoice_deliveries" USING btree ("run_id","invoice_id");--> statement-breakpoint
CREATE INDEX "invoice_deliveries_run_id_status_index" ON "invoice_deliveries" USING btree ("run_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_org_id_client_code_period_index" ON "invoices" USING btree ("org_id","client_code","period");--> statement-breakpoint
CREATE INDEX "invoices_org_id_period_index" ON "invoices" USING btree ("org_id","period");--> statement-breakpoint
CREATE INDEX "invoices_org_id_status_index" ON "invoices" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "outbox_message_attachments_message_id_position_index" ON "outbox_message_attachments" USING btree ("message_id","position");--> statement-breakpoint
CREATE INDEX "outbox_message_attempts_message_id_number_index" ON "outbox_message_attempts" USING btree ("message_id","number");--> statement-breakpoint
CREATE INDEX "outbox_message_attempts_sender_id_started_at_index" ON "outbox_message_attempts" USING btree ("sender_id","started_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_org_id_created_at_id_index" ON "outbox_messages" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "outbox_messages_org_id_status_index" ON "outbox_messages" USING btree ("org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_idempotency" ON "outbox_messages" USING btree ("org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_messages_sending" ON "outbox_messages" USING btree ("locked_until") WHERE "outbox_messages"."status" = 'sending';--> statement-breakpoint
CREATE INDEX "outbox_messages_waiting" ON "outbox_messages" USING btree ("send_at") WHERE "outbox_messages"."status" in ('scheduled', 'queued');--> statement-breakpoint
CREATE INDEX "outbox_messages_finished" ON "outbox_messages" USING btree ("finished_at") WHERE "outbox_messages"."status" in ('sent', 'failed', 'cancelled', 'expired');--> statement-breakpoint
CREATE INDEX "outbox_messages_run_id_index" ON "outbox_messages" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "outbox_messages_sender_id_index" ON "outbox_messages" USING btree ("sender_id");--> statement-breakpoint
CREATE INDEX "sender_accounts_org_id_index" ON "sender_accounts" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sender_accounts_one_default" ON "sender_accounts" USING btree ("org_id") WHERE "sender_accounts"."is_default" and "sender_accounts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "runs_org_id_created_at_index" ON "runs" USING btree ("org_id","created_at");