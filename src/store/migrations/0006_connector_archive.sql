ALTER TABLE "connectors" DROP CONSTRAINT "connectors_name_unique";--> statement-breakpoint
ALTER TABLE "connectors" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connectors" ADD COLUMN "archived_by" text;--> statement-breakpoint
CREATE UNIQUE INDEX "connectors_live_name_key" ON "connectors" USING btree ("name") WHERE "connectors"."archived_at" is null;