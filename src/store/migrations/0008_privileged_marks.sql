CREATE TABLE "privileged_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connector_id" uuid NOT NULL,
	"entitlement_key" text NOT NULL,
	"entitlement_name" text NOT NULL,
	"reason" text NOT NULL,
	"marked_by" text NOT NULL,
	"marked_by_name" text NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unmarked_by" text,
	"unmarked_by_name" text,
	"unmarked_at" timestamp with time zone,
	"unmark_reason" text
);
--> statement-breakpoint
ALTER TABLE "privileged_marks" ADD CONSTRAINT "privileged_marks_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "privileged_marks_one_active" ON "privileged_marks" USING btree ("connector_id","entitlement_key") WHERE "privileged_marks"."unmarked_at" is null;--> statement-breakpoint
CREATE INDEX "privileged_marks_key_idx" ON "privileged_marks" USING btree ("connector_id","entitlement_key","marked_at");