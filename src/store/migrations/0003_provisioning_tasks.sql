CREATE TABLE "provisioning_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connector_id" uuid NOT NULL,
	"action" text NOT NULL,
	"entitlement_key" text NOT NULL,
	"principal_type_id" text NOT NULL,
	"principal_external_id" text NOT NULL,
	"target" jsonb NOT NULL,
	"actor" text NOT NULL,
	"trigger" text NOT NULL,
	"trigger_ref" text,
	"reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"outcome" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"aws_request_id" text,
	"error" jsonb,
	"verified" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"observed_run_id" bigint
);
--> statement-breakpoint
ALTER TABLE "provisioning_tasks" ADD CONSTRAINT "provisioning_tasks_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioning_tasks" ADD CONSTRAINT "provisioning_tasks_observed_run_id_sync_runs_id_fk" FOREIGN KEY ("observed_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provisioning_tasks_status_idx" ON "provisioning_tasks" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "provisioning_tasks_connector_idx" ON "provisioning_tasks" USING btree ("connector_id","created_at");--> statement-breakpoint
CREATE INDEX "provisioning_tasks_unobserved_idx" ON "provisioning_tasks" USING btree ("connector_id") WHERE "provisioning_tasks"."status" = 'succeeded' and "provisioning_tasks"."observed_run_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "provisioning_tasks_one_open" ON "provisioning_tasks" USING btree ("connector_id","entitlement_key","principal_type_id","principal_external_id") WHERE "provisioning_tasks"."status" in ('pending', 'running');