CREATE TABLE "webhook_delivery" (
	"signature" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "realtime_session" RENAME COLUMN "revoked_at" TO "ended_at";--> statement-breakpoint
DROP INDEX "realtime_session_live_expires_at_idx";--> statement-breakpoint
DROP INDEX "realtime_session_live_rotated_at_idx";--> statement-breakpoint
ALTER TABLE "auth_event" ADD COLUMN "count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "auth_event" ADD COLUMN "last_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "channel_epoch" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "webhook_delivery_received_at_idx" ON "webhook_delivery" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "realtime_session_live_expires_at_idx" ON "realtime_session" USING btree ("expires_at") WHERE "realtime_session"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "realtime_session_live_rotated_at_idx" ON "realtime_session" USING btree ("rotated_at") WHERE "realtime_session"."ended_at" is null;