-- Each decision names the assignment it was made under: only decisions of an item's current assignment are in
-- force, so a hand-on (delegated, reassigned, escalated: a new assignment) leaves the item undecided for the new
-- reviewer, the earlier decision kept as history. Decisions made before this column existed keep the effect they
-- had then, when a hand-on left an earlier decision in force: each goes to its item and stage's current
-- assignment (so a campaign closed with A's decision and the item then handed on to B still reads A's decision,
-- and its latest decision stays the one in force); where the stage has no current assignment, to the one current
-- when it was made (the latest assigned at or before the decision).
ALTER TABLE "review_decisions" ADD COLUMN "assignment_id" bigint;--> statement-breakpoint
UPDATE "review_decisions" d SET "assignment_id" = coalesce(
  (select a.id from review_assignments a where a.item_id = d.item_id and a.stage = d.stage and a.current order by a.id desc limit 1),
  (select a.id from review_assignments a where a.item_id = d.item_id and a.stage = d.stage and a.assigned_at <= d.at order by a.assigned_at desc, a.id desc limit 1),
  (select a.id from review_assignments a where a.item_id = d.item_id and a.stage = d.stage order by a.id limit 1));--> statement-breakpoint
ALTER TABLE "review_decisions" ALTER COLUMN "assignment_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_assignment_id_review_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."review_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_decisions_assignment_idx" ON "review_decisions" USING btree ("assignment_id","id");
