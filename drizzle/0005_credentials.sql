CREATE TYPE "public"."credential_kind" AS ENUM('password', 'oauth');--> statement-breakpoint
CREATE TYPE "public"."credential_status" AS ENUM('active', 'needs_reconnect');--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" "credential_kind" NOT NULL,
	"provider" text,
	"scopes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"expires_at" timestamp with time zone,
	"status" "credential_status" DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"secret_sealed" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox_mailboxes" ADD COLUMN "credential_id" uuid;--> statement-breakpoint
ALTER TABLE "sender_accounts" ADD COLUMN "credential_id" uuid;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credentials_org_id_index" ON "credentials" USING btree ("org_id");--> statement-breakpoint
ALTER TABLE "inbox_mailboxes" ADD CONSTRAINT "inbox_mailboxes_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sender_accounts" ADD CONSTRAINT "sender_accounts_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE set null ON UPDATE no action;