CREATE TABLE "review_assignments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"stage" integer NOT NULL,
	"reviewer_person_id" uuid,
	"policy" text,
	"current" boolean DEFAULT true NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"connector_id" uuid,
	"scope" jsonb NOT NULL,
	"reviewer_plan" jsonb NOT NULL,
	"options" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"current_stage" integer,
	"due_at" timestamp with time zone,
	"recurrence_cron" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"launched_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"snapshot_run_id" bigint,
	"snapshot_at" timestamp with time zone,
	"item_count" integer,
	"digest" text,
	"reconciliation" jsonb
);
--> statement-breakpoint
CREATE TABLE "review_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"stage" integer NOT NULL,
	"decision" text NOT NULL,
	"comment" text,
	"decider_person_id" uuid NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"grant_id" bigint NOT NULL,
	"principal_type" text NOT NULL,
	"principal_id" text NOT NULL,
	"principal_name" text,
	"person_id" uuid,
	"resource_type" text NOT NULL,
	"resource_id" text NOT NULL,
	"resource_name" text,
	"entitlement_slug" text NOT NULL,
	"entitlement_name" text,
	"seen_from" timestamp with time zone NOT NULL,
	"privileged" boolean,
	"confers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"risk_flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_reassignments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"stage" integer NOT NULL,
	"from_person_id" uuid,
	"to_person_id" uuid,
	"reason" text NOT NULL,
	"policy" text,
	"note" text,
	"by" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_remediations" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"task_id" uuid,
	"manual" boolean DEFAULT false NOT NULL,
	"manual_marked_at" timestamp with time zone,
	"manual_marked_by" text,
	"observed_run_id" bigint,
	"observed_at" timestamp with time zone,
	"reappeared_run_id" bigint,
	"reappeared_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_item_id_review_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_reviewer_person_id_people_id_fk" FOREIGN KEY ("reviewer_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_item_id_review_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_decider_person_id_people_id_fk" FOREIGN KEY ("decider_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_campaign_id_review_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."review_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reassignments" ADD CONSTRAINT "review_reassignments_item_id_review_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_remediations" ADD CONSTRAINT "review_remediations_item_id_review_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_assignments_one_current" ON "review_assignments" USING btree ("item_id","stage") WHERE "review_assignments"."current";--> statement-breakpoint
CREATE INDEX "review_assignments_reviewer_idx" ON "review_assignments" USING btree ("reviewer_person_id","item_id") WHERE "review_assignments"."current";--> statement-breakpoint
CREATE INDEX "review_campaigns_status_idx" ON "review_campaigns" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "review_campaigns_connector_idx" ON "review_campaigns" USING btree ("connector_id","closed_at");--> statement-breakpoint
CREATE INDEX "review_decisions_item_idx" ON "review_decisions" USING btree ("item_id","stage","id");--> statement-breakpoint
CREATE INDEX "review_decisions_decider_idx" ON "review_decisions" USING btree ("decider_person_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_items_campaign_key" ON "review_items" USING btree ("campaign_id","key");--> statement-breakpoint
CREATE INDEX "review_items_key_idx" ON "review_items" USING btree ("key");--> statement-breakpoint
CREATE INDEX "review_reassignments_item_idx" ON "review_reassignments" USING btree ("item_id","id");--> statement-breakpoint
CREATE INDEX "review_remediations_open_idx" ON "review_remediations" USING btree ("state") WHERE "review_remediations"."state" <> 'remediated';