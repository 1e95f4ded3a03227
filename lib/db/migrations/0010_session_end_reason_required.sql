-- Rows that ended without a reason before every end named one: their web session's reason when
-- they ended with it, else the widest reason that could have ended them.
UPDATE "realtime_session" SET "end_reason" = "web_session"."end_reason" FROM "web_session" WHERE "realtime_session"."web_session_id" = "web_session"."id" AND "realtime_session"."ended_at" IS NOT NULL AND "realtime_session"."end_reason" IS NULL AND "web_session"."end_reason" IS NOT NULL;--> statement-breakpoint
UPDATE "realtime_session" SET "end_reason" = CASE WHEN "flow" = 'service' THEN 'service_auth_disabled' ELSE 'signed_out_everywhere' END WHERE "ended_at" IS NOT NULL AND "end_reason" IS NULL;--> statement-breakpoint
UPDATE "web_session" SET "end_reason" = 'signed_out' WHERE "ended_at" IS NOT NULL AND "end_reason" IS NULL;--> statement-breakpoint
ALTER TABLE "realtime_session" ADD CONSTRAINT "realtime_session_end_reason" CHECK (("realtime_session"."ended_at" is null) = ("realtime_session"."end_reason" is null));--> statement-breakpoint
ALTER TABLE "web_session" ADD CONSTRAINT "web_session_end_reason" CHECK (("web_session"."ended_at" is null) = ("web_session"."end_reason" is null));