ALTER TABLE "inbound_submissions" ADD COLUMN "sender_verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_submissions" ADD COLUMN "message_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_submissions" ADD COLUMN "mail_references" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "remote_access" ADD COLUMN "sealed" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "text_sealed" boolean DEFAULT false NOT NULL;
