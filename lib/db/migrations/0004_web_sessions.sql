CREATE TYPE "public"."sign_in_method" AS ENUM('credentials', 'github');--> statement-breakpoint
CREATE TABLE "web_session" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"method" "sign_in_method" NOT NULL,
	"user_agent" text,
	"client_address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
ALTER TABLE "realtime_session" ADD COLUMN "web_session_id" text;--> statement-breakpoint
ALTER TABLE "web_session" ADD CONSTRAINT "web_session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "web_session_user_id_idx" ON "web_session" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "realtime_session" ADD CONSTRAINT "realtime_session_web_session_id_web_session_id_fk" FOREIGN KEY ("web_session_id") REFERENCES "public"."web_session"("id") ON DELETE cascade ON UPDATE no action;