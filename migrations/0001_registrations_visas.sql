CREATE TABLE "idempotency_keys" (
	"account_id" integer NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_account_id_key_pk" PRIMARY KEY("account_id","key")
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"number" text NOT NULL,
	"mode" text NOT NULL,
	"sessions" jsonb NOT NULL,
	"status" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"waitlisted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"registered_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visa_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"registration_id" integer NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"nationality" text NOT NULL,
	"passport" text,
	"representation_city" text NOT NULL,
	"representation_country" text NOT NULL,
	"arrival_date" date NOT NULL,
	"departure_date" date NOT NULL,
	"reason" text,
	"letter_reference" text,
	"letter_issued_on" date,
	"letter_pdf" text,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "in_person_capacity" integer;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "participant_list_visibility" text DEFAULT 'secretariat' NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "registration_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "message_id" text;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_registered_by_accounts_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visa_requests" ADD CONSTRAINT "visa_requests_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visa_requests" ADD CONSTRAINT "visa_requests_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_meeting_account_key" ON "registrations" USING btree ("meeting_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_number_key" ON "registrations" USING btree ("number");--> statement-breakpoint
CREATE INDEX "registrations_meeting_status_idx" ON "registrations" USING btree ("meeting_id","status");--> statement-breakpoint
CREATE INDEX "registrations_account_idx" ON "registrations" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visa_requests_registration_key" ON "visa_requests" USING btree ("registration_id");