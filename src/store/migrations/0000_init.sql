CREATE TABLE "connectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secrets_ciphertext" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connectors_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sync_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"connector_id" uuid NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"api_calls" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" jsonb,
	"checkpoint" jsonb
);
--> statement-breakpoint
CREATE TABLE "entitlements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "entitlements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"connector_id" uuid NOT NULL,
	"key" text NOT NULL,
	"content_hash" text NOT NULL,
	"seen_from" timestamp with time zone NOT NULL,
	"seen_to" timestamp with time zone,
	"opened_run_id" bigint NOT NULL,
	"closed_run_id" bigint,
	"resource_type_id" text NOT NULL,
	"resource_external_id" text NOT NULL,
	"slug" text NOT NULL,
	"display_name" text NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"connector_id" uuid NOT NULL,
	"key" text NOT NULL,
	"content_hash" text NOT NULL,
	"seen_from" timestamp with time zone NOT NULL,
	"seen_to" timestamp with time zone,
	"opened_run_id" bigint NOT NULL,
	"closed_run_id" bigint,
	"entitlement_key" text NOT NULL,
	"principal_type_id" text NOT NULL,
	"principal_external_id" text NOT NULL,
	"via_external_id" text,
	"source" text DEFAULT 'sync' NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_types" (
	"id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"is_principal" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"connector_id" uuid NOT NULL,
	"key" text NOT NULL,
	"content_hash" text NOT NULL,
	"seen_from" timestamp with time zone NOT NULL,
	"seen_to" timestamp with time zone,
	"opened_run_id" bigint NOT NULL,
	"closed_run_id" bigint,
	"resource_type_id" text NOT NULL,
	"external_id" text NOT NULL,
	"parent_type_id" text,
	"parent_external_id" text,
	"display_name" text NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"person_id" uuid
);
--> statement-breakpoint
CREATE TABLE "snapshot_items" (
	"sync_run_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"content_hash" text NOT NULL,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"user_name" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"type" text NOT NULL,
	"subject" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_opened_run_id_sync_runs_id_fk" FOREIGN KEY ("opened_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_closed_run_id_sync_runs_id_fk" FOREIGN KEY ("closed_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_opened_run_id_sync_runs_id_fk" FOREIGN KEY ("opened_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_closed_run_id_sync_runs_id_fk" FOREIGN KEY ("closed_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_opened_run_id_sync_runs_id_fk" FOREIGN KEY ("opened_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_closed_run_id_sync_runs_id_fk" FOREIGN KEY ("closed_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_resource_type_id_resource_types_id_fk" FOREIGN KEY ("resource_type_id") REFERENCES "public"."resource_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_items" ADD CONSTRAINT "snapshot_items_sync_run_id_sync_runs_id_fk" FOREIGN KEY ("sync_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_runs_connector_idx" ON "sync_runs" USING btree ("connector_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "entitlements_current_key" ON "entitlements" USING btree ("connector_id","key") WHERE "entitlements"."seen_to" is null;--> statement-breakpoint
CREATE INDEX "entitlements_resource_idx" ON "entitlements" USING btree ("connector_id","resource_type_id","resource_external_id");--> statement-breakpoint
CREATE INDEX "entitlements_opened_idx" ON "entitlements" USING btree ("opened_run_id");--> statement-breakpoint
CREATE INDEX "entitlements_closed_idx" ON "entitlements" USING btree ("closed_run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_current_key" ON "grants" USING btree ("connector_id","key") WHERE "grants"."seen_to" is null;--> statement-breakpoint
CREATE INDEX "grants_entitlement_idx" ON "grants" USING btree ("connector_id","entitlement_key");--> statement-breakpoint
CREATE INDEX "grants_principal_idx" ON "grants" USING btree ("connector_id","principal_type_id","principal_external_id");--> statement-breakpoint
CREATE INDEX "grants_opened_idx" ON "grants" USING btree ("opened_run_id");--> statement-breakpoint
CREATE INDEX "grants_closed_idx" ON "grants" USING btree ("closed_run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resources_current_key" ON "resources" USING btree ("connector_id","key") WHERE "resources"."seen_to" is null;--> statement-breakpoint
CREATE INDEX "resources_type_idx" ON "resources" USING btree ("connector_id","resource_type_id","external_id");--> statement-breakpoint
CREATE INDEX "resources_person_idx" ON "resources" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "resources_opened_idx" ON "resources" USING btree ("opened_run_id");--> statement-breakpoint
CREATE INDEX "resources_closed_idx" ON "resources" USING btree ("closed_run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "snapshot_items_key" ON "snapshot_items" USING btree ("sync_run_id","kind","key");--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_key" ON "people" USING btree ("email") WHERE "people"."email" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "people_user_name_key" ON "people" USING btree ("user_name") WHERE "people"."email" is null and "people"."user_name" is not null;--> statement-breakpoint
CREATE INDEX "audit_events_type_idx" ON "audit_events" USING btree ("type","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject");