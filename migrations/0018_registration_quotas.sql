CREATE TABLE "registration_quotas" (
	"meeting_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"in_person_places" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registration_quotas_meeting_id_organization_id_pk" PRIMARY KEY("meeting_id","organization_id"),
	CONSTRAINT "registration_quotas_places_check" CHECK ("registration_quotas"."in_person_places" >= 0)
);
--> statement-breakpoint
ALTER TABLE "registration_quotas" ADD CONSTRAINT "registration_quotas_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_quotas" ADD CONSTRAINT "registration_quotas_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;