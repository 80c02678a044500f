-- Access review evidence is append-only, as the audit log is (0001): what an auditor is shown (the items a
-- campaign snapshotted, every decision, every step an item took between reviewers) is never changed or deleted
-- by the application. A change of mind is a new decision row, a hand-on a new assignment and reassignment row.
-- The two updates the service makes are allowed and nothing else: an assignment is ended (current true → false,
-- every other column unchanged), and a remediation progresses (state, task, manual mark, observing runs) while
-- keeping its item and creation time. A later migration that must rewrite evidence disables these triggers
-- for its statement and says why.
CREATE FUNCTION rrcu_review_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE FUNCTION rrcu_review_assignment_ends_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.current AND NOT NEW.current AND (to_jsonb(NEW) - 'current') = (to_jsonb(OLD) - 'current') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'review_assignments keeps its history: an assignment may only be ended (current true → false), nothing else changed'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE FUNCTION rrcu_review_remediation_keeps_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.item_id = OLD.item_id AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'review_remediations keeps its item and creation time: only its progress changes'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER review_items_append_only BEFORE UPDATE OR DELETE ON review_items FOR EACH ROW EXECUTE FUNCTION rrcu_review_append_only();
--> statement-breakpoint
CREATE TRIGGER review_decisions_append_only BEFORE UPDATE OR DELETE ON review_decisions FOR EACH ROW EXECUTE FUNCTION rrcu_review_append_only();
--> statement-breakpoint
CREATE TRIGGER review_reassignments_append_only BEFORE UPDATE OR DELETE ON review_reassignments FOR EACH ROW EXECUTE FUNCTION rrcu_review_append_only();
--> statement-breakpoint
CREATE TRIGGER review_assignments_no_delete BEFORE DELETE ON review_assignments FOR EACH ROW EXECUTE FUNCTION rrcu_review_append_only();
--> statement-breakpoint
CREATE TRIGGER review_assignments_ends_only BEFORE UPDATE ON review_assignments FOR EACH ROW EXECUTE FUNCTION rrcu_review_assignment_ends_only();
--> statement-breakpoint
CREATE TRIGGER review_remediations_no_delete BEFORE DELETE ON review_remediations FOR EACH ROW EXECUTE FUNCTION rrcu_review_append_only();
--> statement-breakpoint
CREATE TRIGGER review_remediations_keeps_item BEFORE UPDATE ON review_remediations FOR EACH ROW EXECUTE FUNCTION rrcu_review_remediation_keeps_item();
--> statement-breakpoint
CREATE TRIGGER review_items_no_truncate BEFORE TRUNCATE ON review_items FOR EACH STATEMENT EXECUTE FUNCTION rrcu_review_append_only();
--> statement-breakpoint
CREATE TRIGGER review_decisions_no_truncate BEFORE TRUNCATE ON review_decisions FOR EACH STATEMENT EXECUTE FUNCTION rrcu_review_append_only();
--> statement-breakpoint
CREATE TRIGGER review_reassignments_no_truncate BEFORE TRUNCATE ON review_reassignments FOR EACH STATEMENT EXECUTE FUNCTION rrcu_review_append_only();
--> statement-breakpoint
CREATE TRIGGER review_assignments_no_truncate BEFORE TRUNCATE ON review_assignments FOR EACH STATEMENT EXECUTE FUNCTION rrcu_review_append_only();
--> statement-breakpoint
CREATE TRIGGER review_remediations_no_truncate BEFORE TRUNCATE ON review_remediations FOR EACH STATEMENT EXECUTE FUNCTION rrcu_review_append_only();
