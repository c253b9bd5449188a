ALTER TYPE "public"."sender_kind" ADD VALUE 'gmail';--> statement-breakpoint
ALTER TYPE "public"."sender_kind" ADD VALUE 'microsoft';--> statement-breakpoint
CREATE TABLE "oauth_connect_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"purpose" text NOT NULL,
	"code_verifier_sealed" text NOT NULL,
	"sender_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oauth_connect_states" ADD CONSTRAINT "oauth_connect_states_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_connect_states" ADD CONSTRAINT "oauth_connect_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oauth_connect_states_expires_at_index" ON "oauth_connect_states" USING btree ("expires_at");