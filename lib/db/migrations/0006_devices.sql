ALTER TABLE "realtime_session" ADD COLUMN "user_agent" text;--> statement-breakpoint
ALTER TABLE "realtime_session" ADD COLUMN "client_address" text;--> statement-breakpoint
ALTER TABLE "realtime_session" ADD COLUMN "last_active_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "realtime_session" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "web_session" ADD COLUMN "last_active_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Sessions from before this migration were last seen active, as far as anyone knows, when they started.
UPDATE "web_session" SET "last_active_at" = "created_at";--> statement-breakpoint
UPDATE "realtime_session" SET "last_active_at" = "created_at";
