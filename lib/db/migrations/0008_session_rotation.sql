ALTER TYPE "public"."auth_event_kind" ADD VALUE 'session_rotated';--> statement-breakpoint
ALTER TYPE "public"."auth_event_kind" ADD VALUE 'session_reused';--> statement-breakpoint
ALTER TYPE "public"."auth_event_kind" ADD VALUE 'session_expired';--> statement-breakpoint
ALTER TABLE "realtime_session" DROP CONSTRAINT "realtime_session_token_hash_unique";--> statement-breakpoint
ALTER TABLE "realtime_session" ADD COLUMN "generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "realtime_session" ADD COLUMN "rotated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "realtime_session" ADD COLUMN "grace_used" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "realtime_session_live_expires_at_idx" ON "realtime_session" USING btree ("expires_at") WHERE "realtime_session"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "realtime_session_live_rotated_at_idx" ON "realtime_session" USING btree ("rotated_at") WHERE "realtime_session"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "web_session_live_expires_at_idx" ON "web_session" USING btree ("expires_at") WHERE "web_session"."ended_at" is null;--> statement-breakpoint
ALTER TABLE "realtime_session" DROP COLUMN "token_hash";--> statement-breakpoint
-- A token is now an HMAC of (id, generation): the tokens handed out before cannot be checked, so
-- their sessions end, and their clients sign in again.
UPDATE "realtime_session" SET "revoked_at" = now(), "end_reason" = 'session_expired' WHERE "revoked_at" IS NULL;
