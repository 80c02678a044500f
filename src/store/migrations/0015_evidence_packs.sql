CREATE TABLE "evidence_pack_files" (
	"pack_id" uuid PRIMARY KEY NOT NULL,
	"zip" bytea NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_packs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"error" text,
	"made_by" text NOT NULL,
	"made_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"sha256" text,
	"size" integer
);
--> statement-breakpoint
CREATE TABLE "evidence_signing_keys" (
	"name" text PRIMARY KEY NOT NULL,
	"algorithm" text NOT NULL,
	"public_key_pem" text NOT NULL,
	"fingerprint" text NOT NULL,
	"private_key_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence_pack_files" ADD CONSTRAINT "evidence_pack_files_pack_id_evidence_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."evidence_packs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_packs_made_at_idx" ON "evidence_packs" USING btree ("made_at");--> statement-breakpoint
-- Evidence packs are evidence, as the audit log (0001) and review evidence (0014) are: never deleted or
-- rewritten by the application. A pack's row records what was asked for (kind, parameters, who, when),
-- which never changes; its making only moves forward (queued → running → done | failed, progress only
-- up; running → running when a job restarts after a crash), and a finished pack never changes. Its zip and
-- the signing key are insert-only. A later migration that must rewrite them disables these triggers for
-- its statement and says why.
CREATE FUNCTION rrcu_evidence_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE FUNCTION rrcu_evidence_pack_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_rank int := CASE OLD.status WHEN 'queued' THEN 0 WHEN 'running' THEN 1 ELSE 2 END;
  new_rank int := CASE NEW.status WHEN 'queued' THEN 0 WHEN 'running' THEN 1 ELSE 2 END;
BEGIN
  IF NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.parameters <> OLD.parameters OR NEW.made_by <> OLD.made_by OR NEW.made_at <> OLD.made_at THEN
    RAISE EXCEPTION 'evidence_packs keeps what was asked for: kind, parameters, made_by and made_at never change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF new_rank < old_rank OR (old_rank = 2 AND NEW.status <> OLD.status) THEN
    RAISE EXCEPTION 'evidence_packs only moves forward: status % → % is not allowed', OLD.status, NEW.status
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.progress < OLD.progress THEN
    RAISE EXCEPTION 'evidence_packs only moves forward: progress % → % is not allowed', OLD.progress, NEW.progress
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF old_rank = 2 AND to_jsonb(NEW) <> to_jsonb(OLD) THEN
    RAISE EXCEPTION 'evidence_packs: a finished pack never changes'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER evidence_packs_moves_forward BEFORE UPDATE ON evidence_packs FOR EACH ROW EXECUTE FUNCTION rrcu_evidence_pack_moves_forward();
--> statement-breakpoint
CREATE TRIGGER evidence_packs_no_delete BEFORE DELETE ON evidence_packs FOR EACH ROW EXECUTE FUNCTION rrcu_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_pack_files_append_only BEFORE UPDATE OR DELETE ON evidence_pack_files FOR EACH ROW EXECUTE FUNCTION rrcu_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_signing_keys_append_only BEFORE UPDATE OR DELETE ON evidence_signing_keys FOR EACH ROW EXECUTE FUNCTION rrcu_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_packs_no_truncate BEFORE TRUNCATE ON evidence_packs FOR EACH STATEMENT EXECUTE FUNCTION rrcu_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_pack_files_no_truncate BEFORE TRUNCATE ON evidence_pack_files FOR EACH STATEMENT EXECUTE FUNCTION rrcu_evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_signing_keys_no_truncate BEFORE TRUNCATE ON evidence_signing_keys FOR EACH STATEMENT EXECUTE FUNCTION rrcu_evidence_append_only();
