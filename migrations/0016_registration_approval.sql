ALTER TABLE "registrations" DROP CONSTRAINT "registrations_status_check";--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "registration_approval" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "registration_approval" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "approval_decided_by" integer;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "approval_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "decline_reason" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_approval_decided_by_accounts_id_fk" FOREIGN KEY ("approval_decided_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registrations_pending_idx" ON "registrations" USING btree ("meeting_id") WHERE "registrations"."status" = 'pending-approval';--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_registration_approval_check" CHECK ("groups"."registration_approval" IN ('none', 'focal-point'));--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_registration_approval_check" CHECK ("meetings"."registration_approval" IN ('none', 'focal-point'));--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_decline_reason_check" CHECK (("registrations"."status" = 'declined') = ("registrations"."decline_reason" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_status_check" CHECK ("registrations"."status" IN ('registered', 'waitlisted', 'pending-approval', 'declined', 'cancelled'));