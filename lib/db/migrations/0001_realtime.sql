CREATE TYPE "public"."room_audience" AS ENUM('everyone', 'admins');--> statement-breakpoint
CREATE TABLE "realtime_session" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"ticket_nonce" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "realtime_session_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "realtime_session_ticket_nonce_unique" UNIQUE("ticket_nonce")
);
--> statement-breakpoint
CREATE TABLE "room" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"audience" "room_audience" DEFAULT 'everyone' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "realtime_revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "online" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "presence_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "realtime_session" ADD CONSTRAINT "realtime_session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "realtime_session_user_id_idx" ON "realtime_session" USING btree ("user_id");