CREATE TABLE "liaisons" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"direction" text NOT NULL,
	"from_body" text NOT NULL,
	"to_body" text NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"reply_deadline" date,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"meeting_id" integer,
	"document_id" integer,
	"reply_to_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "liaisons_direction_check" CHECK ("liaisons"."direction" IN ('incoming', 'outgoing')),
	CONSTRAINT "liaisons_purpose_check" CHECK ("liaisons"."purpose" IN ('action', 'information'))
);
--> statement-breakpoint
ALTER TABLE "document_counters" DROP CONSTRAINT "document_counters_type_check";--> statement-breakpoint
ALTER TABLE "document_search" DROP CONSTRAINT "document_search_type_check";--> statement-breakpoint
ALTER TABLE "documents" DROP CONSTRAINT "documents_type_check";--> statement-breakpoint
ALTER TABLE "liaisons" ADD CONSTRAINT "liaisons_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaisons" ADD CONSTRAINT "liaisons_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaisons" ADD CONSTRAINT "liaisons_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaisons" ADD CONSTRAINT "liaisons_reply_to_id_liaisons_id_fk" FOREIGN KEY ("reply_to_id") REFERENCES "public"."liaisons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaisons" ADD CONSTRAINT "liaisons_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "liaisons_group_idx" ON "liaisons" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "liaisons_reply_to_idx" ON "liaisons" USING btree ("reply_to_id");--> statement-breakpoint
CREATE UNIQUE INDEX "liaisons_document_key" ON "liaisons" USING btree ("document_id");--> statement-breakpoint
ALTER TABLE "document_counters" ADD CONSTRAINT "document_counters_type_check" CHECK ("document_counters"."type" IN ('I', 'TD', 'O', 'LS'));--> statement-breakpoint
ALTER TABLE "document_search" ADD CONSTRAINT "document_search_type_check" CHECK ("document_search"."type" IN ('I', 'TD', 'O', 'LS'));--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_type_check" CHECK ("documents"."type" IN ('I', 'TD', 'O', 'LS'));