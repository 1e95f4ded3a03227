CREATE TYPE "public"."auth_event_kind" AS ENUM('sign_in', 'sign_out', 'ticket_issued', 'ticket_exchanged', 'session_revoked', 'ban', 'unban', 'role_changed', 'service_auth_toggled');--> statement-breakpoint
CREATE TYPE "public"."auth_event_outcome" AS ENUM('success', 'failure');--> statement-breakpoint
CREATE TABLE "auth_event" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" text,
	"session_id" text,
	"actor_id" text,
	"client_address" text,
	"user_agent" text,
	"kind" "auth_event_kind" NOT NULL,
	"outcome" "auth_event_outcome" NOT NULL,
	"reason" text,
	"detail" text
);
--> statement-breakpoint
ALTER TABLE "auth_event" ADD CONSTRAINT "auth_event_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_event" ADD CONSTRAINT "auth_event_actor_id_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_event_at_idx" ON "auth_event" USING btree ("at");--> statement-breakpoint
CREATE INDEX "auth_event_user_id_at_idx" ON "auth_event" USING btree ("user_id","at");