-- One table for the keys of repeatable writes (platform/idempotency), per scope: the registrations'
-- keys move into it, documents use it too.
CREATE TABLE "request_keys" (
	"scope" text NOT NULL,
	"account_id" integer NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "request_keys_scope_account_id_key_pk" PRIMARY KEY("scope","account_id","key")
);
--> statement-breakpoint
CREATE INDEX "request_keys_created_idx" ON "request_keys" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX "request_keys_account_idx" ON "request_keys" USING btree ("account_id");
--> statement-breakpoint
INSERT INTO "request_keys" ("scope", "account_id", "key", "request_hash", "result", "created_at")
SELECT 'registration', "account_id", "key", "request_hash", "body", "created_at" FROM "idempotency_keys" WHERE "body" IS NOT NULL;
--> statement-breakpoint
DROP TABLE "idempotency_keys";
