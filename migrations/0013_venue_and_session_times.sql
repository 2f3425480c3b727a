-- The venue becomes translatable: a name or city typed before this migration was English, so it is kept as {"en": …}.
ALTER TABLE "meetings" ALTER COLUMN "venue_name" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "meetings" ALTER COLUMN "venue_name" SET DATA TYPE jsonb USING CASE WHEN "venue_name" = '' THEN '{}'::jsonb ELSE jsonb_build_object('en', "venue_name") END;--> statement-breakpoint
ALTER TABLE "meetings" ALTER COLUMN "venue_name" SET DEFAULT '{}'::jsonb;--> statement-breakpoint
ALTER TABLE "meetings" ALTER COLUMN "venue_city" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "meetings" ALTER COLUMN "venue_city" SET DATA TYPE jsonb USING CASE WHEN "venue_city" = '' THEN '{}'::jsonb ELSE jsonb_build_object('en', "venue_city") END;--> statement-breakpoint
ALTER TABLE "meetings" ALTER COLUMN "venue_city" SET DEFAULT '{}'::jsonb;--> statement-breakpoint
ALTER TABLE "meeting_sessions" ADD COLUMN "start_time" time;--> statement-breakpoint
ALTER TABLE "meeting_sessions" ADD COLUMN "end_time" time;--> statement-breakpoint
ALTER TABLE "meeting_sessions" ADD COLUMN "room" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_sessions" ADD CONSTRAINT "meeting_sessions_times_check" CHECK (("meeting_sessions"."start_time" IS NULL) = ("meeting_sessions"."end_time" IS NULL) AND ("meeting_sessions"."start_time" IS NULL OR "meeting_sessions"."end_time" > "meeting_sessions"."start_time"));
