CREATE TYPE "public"."auth_flow" AS ENUM('backend', 'service');--> statement-breakpoint
CREATE TABLE "app_setting" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "realtime_session" ADD COLUMN "flow" "auth_flow" DEFAULT 'backend' NOT NULL;