-- Issue 12: statuses, modes, kinds and categories hold only their vocabulary's values (src/modules/*/vocabulary.ts,
-- src/platform/*/vocabulary.ts). Every writer already kept to them; languages were the one place the code tolerated
-- other values (falling back to English), so those are repaired first: an unknown preferred language is forgotten,
-- an unknown locale of a sign-up or a list subscription becomes English, as the code read it.
UPDATE "accounts" SET "preferred_language" = NULL WHERE "preferred_language" NOT IN ('ar', 'zh', 'en', 'fr', 'ru', 'es');
--> statement-breakpoint
UPDATE "signup_requests" SET "locale" = 'en' WHERE "locale" NOT IN ('ar', 'zh', 'en', 'fr', 'ru', 'es');
--> statement-breakpoint
UPDATE "list_subscriptions" SET "locale" = 'en' WHERE "locale" NOT IN ('ar', 'zh', 'en', 'fr', 'ru', 'es');
--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_purpose_check" CHECK ("account_tokens"."purpose" IN ('verify-email', 'reset-password'));--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_title_check" CHECK ("accounts"."title" IN ('', 'Mr', 'Ms', 'Mx', 'Dr', 'Prof'));--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_category_check" CHECK ("accounts"."category" IN ('member-state', 'sector-member', 'associate', 'academia', 'non-member'));--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_role_check" CHECK ("accounts"."role" IN ('participant', 'secretariat'));--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_preferred_language_check" CHECK ("accounts"."preferred_language" IN ('ar', 'zh', 'en', 'fr', 'ru', 'es'));--> statement-breakpoint
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_locale_check" CHECK ("signup_requests"."locale" IN ('ar', 'zh', 'en', 'fr', 'ru', 'es'));--> statement-breakpoint
ALTER TABLE "agendas" ADD CONSTRAINT "agendas_status_check" CHECK ("agendas"."status" IN ('draft', 'published'));--> statement-breakpoint
ALTER TABLE "document_counters" ADD CONSTRAINT "document_counters_type_check" CHECK ("document_counters"."type" IN ('I', 'TD', 'O'));--> statement-breakpoint
ALTER TABLE "document_search" ADD CONSTRAINT "document_search_type_check" CHECK ("document_search"."type" IN ('I', 'TD', 'O'));--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_type_check" CHECK ("documents"."type" IN ('I', 'TD', 'O'));--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_submitted_via_check" CHECK ("documents"."submitted_via" IN ('web', 'email'));--> statement-breakpoint
ALTER TABLE "inbound_mail_log" ADD CONSTRAINT "inbound_mail_log_outcome_check" CHECK ("inbound_mail_log"."outcome" IN ('reserved', 'numbered', 'queued', 'rejected:no-attachment', 'rejected:too-many-attachments', 'rejected:file-type', 'rejected:content-mismatch', 'rejected:file-too-large', 'rejected:unknown-address', 'rejected:no-meeting', 'rejected:deadline-passed', 'ignored:bounce'));--> statement-breakpoint
ALTER TABLE "inbound_submissions" ADD CONSTRAINT "inbound_submissions_status_check" CHECK ("inbound_submissions"."status" IN ('pending', 'accepting', 'accepted', 'rejected'));--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_status_check" CHECK ("groups"."status" IN ('active', 'closed'));--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_document_access_check" CHECK ("groups"."document_access" IN ('public', 'signed-in'));--> statement-breakpoint
ALTER TABLE "officers" ADD CONSTRAINT "officers_role_check" CHECK ("officers"."role" IN ('chair', 'vice-chair'));--> statement-breakpoint
ALTER TABLE "subgroups" ADD CONSTRAINT "subgroups_kind_check" CHECK ("subgroups"."kind" IN ('TG', 'WG'));--> statement-breakpoint
ALTER TABLE "list_subscriptions" ADD CONSTRAINT "list_subscriptions_locale_check" CHECK ("list_subscriptions"."locale" IN ('ar', 'zh', 'en', 'fr', 'ru', 'es'));--> statement-breakpoint
ALTER TABLE "list_subscriptions" ADD CONSTRAINT "list_subscriptions_status_check" CHECK ("list_subscriptions"."status" IN ('pending', 'confirmed', 'unsubscribed'));--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_mode_check" CHECK ("meetings"."mode" IN ('in-person', 'virtual', 'hybrid'));--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_languages_check" CHECK (jsonb_typeof("meetings"."languages") = 'array' AND "meetings"."languages" <@ '["ar","zh","en","fr","ru","es"]'::jsonb);--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_participant_list_visibility_check" CHECK ("meetings"."participant_list_visibility" IN ('public', 'registered', 'secretariat'));--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_late_contributions_check" CHECK ("meetings"."late_contributions" IN ('flag', 'refuse'));--> statement-breakpoint
ALTER TABLE "visa_requests" ADD CONSTRAINT "visa_requests_status_check" CHECK ("visa_requests"."status" IN ('requested', 'approved', 'rejected', 'letter-sent', 'withdrawn', 'purged'));--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_status_check" CHECK ("jobs"."status" IN ('pending', 'done', 'failed'));--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_status_check" CHECK ("outbox"."status" IN ('queued', 'sent', 'failed'));