CREATE TABLE "slack_seen_signatures" (
	"signature" text PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "slack_seen_signatures_seen_at_idx" ON "slack_seen_signatures" USING btree ("seen_at");