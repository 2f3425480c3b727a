ALTER TABLE "documents" ADD COLUMN "deadline_class" text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "held_over_from" integer;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "translation_deadline" date;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "late_until" date;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "too_late_contributions" text DEFAULT 'refuse' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_held_over_from_meetings_id_fk" FOREIGN KEY ("held_over_from") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_deadline_class_check" CHECK ("documents"."deadline_class" IN ('translation', 'normal', 'late', 'too-late'));--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_too_late_contributions_check" CHECK ("meetings"."too_late_contributions" IN ('refuse', 'hold-over'));--> statement-breakpoint
-- hand-written: documents accepted late before the classes existed are of the 'late' class
UPDATE "documents" SET "deadline_class" = 'late' WHERE "late";
