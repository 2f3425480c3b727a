CREATE TABLE "document_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"decision" text NOT NULL,
	"related_document_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"decided_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_decisions_decision_check" CHECK ("document_decisions"."decision" IN ('agreed', 'approved', 'noted', 'revised', 'merged', 'postponed', 'withdrawn', 'not-treated')),
	CONSTRAINT "document_decisions_not_itself_check" CHECK ("document_decisions"."related_document_id" IS NULL OR "document_decisions"."related_document_id" <> "document_decisions"."document_id")
);
--> statement-breakpoint
CREATE TABLE "item_conclusions" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"item_number" integer NOT NULL,
	"text" text NOT NULL,
	"decided_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_decisions" ADD CONSTRAINT "document_decisions_session_id_meeting_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."meeting_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_decisions" ADD CONSTRAINT "document_decisions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_decisions" ADD CONSTRAINT "document_decisions_related_document_id_documents_id_fk" FOREIGN KEY ("related_document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_decisions" ADD CONSTRAINT "document_decisions_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_conclusions" ADD CONSTRAINT "item_conclusions_session_id_meeting_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."meeting_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_conclusions" ADD CONSTRAINT "item_conclusions_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_decisions_session_document_key" ON "document_decisions" USING btree ("session_id","document_id");--> statement-breakpoint
CREATE INDEX "document_decisions_related_idx" ON "document_decisions" USING btree ("related_document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "item_conclusions_session_item_key" ON "item_conclusions" USING btree ("session_id","item_number");