ALTER TYPE "public"."auth_event_kind" ADD VALUE 'step_up';--> statement-breakpoint
ALTER TYPE "public"."auth_event_kind" ADD VALUE 'password_changed';--> statement-breakpoint
ALTER TABLE "web_session" ADD COLUMN "confirmed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- A session signed in before this column existed was last confirmed at its sign-in, not now.
UPDATE "web_session" SET "confirmed_at" = "created_at";
