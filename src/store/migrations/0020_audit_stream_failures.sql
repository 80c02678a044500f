ALTER TABLE "audit_stream_cursors" ADD COLUMN "last_failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_stream_cursors" ADD COLUMN "failing_since" timestamp with time zone;