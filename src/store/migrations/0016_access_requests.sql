CREATE TABLE "access_request_approvals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" bigint NOT NULL,
	"step" integer NOT NULL,
	"approver_person_id" uuid NOT NULL,
	"approver_user_id" uuid,
	"actor" text NOT NULL,
	"decision" text NOT NULL,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_request_approvers" (
	"request_id" bigint NOT NULL,
	"step" integer NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "access_request_approvers_request_id_step_person_id_pk" PRIMARY KEY("request_id","step","person_id")
);
--> statement-breakpoint
CREATE TABLE "access_request_targets" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" bigint NOT NULL,
	"connector_id" uuid,
	"entitlement" jsonb NOT NULL,
	"entitlement_key" text NOT NULL,
	"principal_type" text NOT NULL,
	"principal_id" text NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" text NOT NULL,
	"resource_name" text,
	"status" text DEFAULT 'waiting' NOT NULL,
	"grant_task_id" uuid,
	"revoke_task_id" uuid,
	"kept_because" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "access_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"connector_id" uuid,
	"requester_person_id" uuid NOT NULL,
	"requester_user_id" uuid,
	"requester_actor" text NOT NULL,
	"principal_type" text NOT NULL,
	"principal_id" text NOT NULL,
	"principal_name" text,
	"entitlement" jsonb NOT NULL,
	"entitlement_text" text NOT NULL,
	"policy_id" uuid,
	"policy_version" integer NOT NULL,
	"policy_name" text NOT NULL,
	"policy" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"justification" text,
	"ticket" text,
	"duration_minutes" integer NOT NULL,
	"duration_clamped" boolean DEFAULT false NOT NULL,
	"break_glass" boolean DEFAULT false NOT NULL,
	"auto_approved" text,
	"extension_of" bigint,
	"duplicate_warning" text,
	"approvers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"current_step" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"pending_until" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"active_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"ending_as" text,
	"ending_by" text,
	"ending_reason" text
);
--> statement-breakpoint
CREATE TABLE "request_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connector_id" uuid NOT NULL,
	"name" text NOT NULL,
	"document" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"archived_by" text
);
--> statement-breakpoint
ALTER TABLE "access_request_approvals" ADD CONSTRAINT "access_request_approvals_request_id_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."access_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_request_approvals" ADD CONSTRAINT "access_request_approvals_approver_person_id_people_id_fk" FOREIGN KEY ("approver_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_request_approvers" ADD CONSTRAINT "access_request_approvers_request_id_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."access_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_request_approvers" ADD CONSTRAINT "access_request_approvers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_request_targets" ADD CONSTRAINT "access_request_targets_request_id_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."access_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_requester_person_id_people_id_fk" FOREIGN KEY ("requester_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_policy_id_request_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."request_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_policies" ADD CONSTRAINT "request_policies_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_request_approvals_once" ON "access_request_approvals" USING btree ("request_id","approver_person_id");--> statement-breakpoint
CREATE INDEX "access_request_approvers_person_idx" ON "access_request_approvers" USING btree ("person_id","request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "access_request_targets_key" ON "access_request_targets" USING btree ("request_id","entitlement_key");--> statement-breakpoint
CREATE INDEX "access_request_targets_access_idx" ON "access_request_targets" USING btree ("connector_id","entitlement_key","principal_id");--> statement-breakpoint
CREATE INDEX "access_requests_requester_idx" ON "access_requests" USING btree ("requester_person_id","created_at");--> statement-breakpoint
CREATE INDEX "access_requests_active_expiry_idx" ON "access_requests" USING btree ("expires_at") WHERE "access_requests"."status" = 'active';--> statement-breakpoint
CREATE INDEX "access_requests_pending_idx" ON "access_requests" USING btree ("pending_until") WHERE "access_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "access_requests_open_idx" ON "access_requests" USING btree ("status","id") WHERE "access_requests"."status" in ('approved', 'provisioning');--> statement-breakpoint
CREATE INDEX "access_requests_connector_idx" ON "access_requests" USING btree ("connector_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "request_policies_name_key" ON "request_policies" USING btree ("connector_id",lower("name")) WHERE "request_policies"."archived_at" is null;--> statement-breakpoint
-- Approvals and denials of access requests are evidence, as review decisions are (0014): never changed or
-- deleted by the application. A change of mind is not possible (one decision per person and request, the
-- unique index above); an approval in force is its row. A later migration that must rewrite them disables
-- this trigger for its statement and says why.
CREATE FUNCTION rrcu_request_approvals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER access_request_approvals_append_only BEFORE UPDATE OR DELETE ON access_request_approvals FOR EACH ROW EXECUTE FUNCTION rrcu_request_approvals_append_only();
--> statement-breakpoint
CREATE TRIGGER access_request_approvals_no_truncate BEFORE TRUNCATE ON access_request_approvals FOR EACH STATEMENT EXECUTE FUNCTION rrcu_request_approvals_append_only();
