-- Issue 10: a registration's status and its times agree, enforced by the database. First repair rows the
-- cancel/change race left behind: active with a cancellation time. Their cancellation was acknowledged
-- and mailed, so it stands (their visa requests are withdrawn, as a cancellation does).
UPDATE "visa_requests" SET "status" = 'withdrawn', "updated_at" = now()
WHERE "status" IN ('requested', 'approved', 'letter-sent')
  AND "registration_id" IN (SELECT "id" FROM "registrations" WHERE "cancelled_at" IS NOT NULL AND "status" <> 'cancelled');
--> statement-breakpoint
UPDATE "registrations" SET "status" = 'cancelled', "waitlisted_at" = NULL WHERE "cancelled_at" IS NOT NULL AND "status" <> 'cancelled';
--> statement-breakpoint
UPDATE "registrations" SET "cancelled_at" = "updated_at" WHERE "status" = 'cancelled' AND "cancelled_at" IS NULL;
--> statement-breakpoint
UPDATE "registrations" SET "status" = 'registered', "waitlisted_at" = NULL WHERE "status" = 'waitlisted' AND "mode" <> 'in-person';
--> statement-breakpoint
UPDATE "registrations" SET "waitlisted_at" = "created_at" WHERE "status" = 'waitlisted' AND "waitlisted_at" IS NULL;
--> statement-breakpoint
UPDATE "registrations" SET "waitlisted_at" = NULL WHERE "status" <> 'waitlisted' AND "waitlisted_at" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_status_check" CHECK ("registrations"."status" IN ('registered', 'waitlisted', 'cancelled'));
--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_mode_check" CHECK ("registrations"."mode" IN ('in-person', 'remote'));
--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_cancelled_at_check" CHECK (("registrations"."status" = 'cancelled') = ("registrations"."cancelled_at" IS NOT NULL));
--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_waitlisted_at_check" CHECK (("registrations"."status" = 'waitlisted') = ("registrations"."waitlisted_at" IS NOT NULL));
--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_waitlisted_in_person_check" CHECK ("registrations"."status" <> 'waitlisted' OR "registrations"."mode" = 'in-person');
