CREATE TABLE "grant_totals" (
	"sync_run_id" bigint NOT NULL,
	"question" text NOT NULL,
	"marks" text DEFAULT '' NOT NULL,
	"grants" integer NOT NULL,
	"principals" integer NOT NULL,
	"resources" integer NOT NULL,
	"entitlements" integer NOT NULL,
	"direct" integer NOT NULL,
	"counted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_totals_sync_run_id_question_marks_pk" PRIMARY KEY("sync_run_id","question","marks")
);
--> statement-breakpoint
DROP INDEX "entitlements_resource_idx";--> statement-breakpoint
DROP INDEX "grants_closed_idx";--> statement-breakpoint
ALTER TABLE "grant_totals" ADD CONSTRAINT "grant_totals_sync_run_id_sync_runs_id_fk" FOREIGN KEY ("sync_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entitlements_key_idx" ON "entitlements" USING btree ("connector_id","key");--> statement-breakpoint
CREATE INDEX "resources_id_idx" ON "resources" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "resources_name_idx" ON "resources" USING btree (lower("display_name"));--> statement-breakpoint
CREATE INDEX "resources_user_name_idx" ON "resources" USING btree (lower("attributes"->>'userName'));--> statement-breakpoint
CREATE INDEX "resources_email_idx" ON "resources" USING btree (lower("attributes"->>'email'));--> statement-breakpoint
CREATE INDEX "entitlements_resource_idx" ON "entitlements" USING btree ("connector_id","resource_type_id","resource_external_id","display_name");--> statement-breakpoint
CREATE INDEX "grants_closed_idx" ON "grants" USING btree ("closed_run_id") WHERE "grants"."closed_run_id" is not null;