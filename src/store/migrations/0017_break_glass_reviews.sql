CREATE TABLE "access_request_post_hoc_reviews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" bigint NOT NULL,
	"reviewer_person_id" uuid NOT NULL,
	"reviewer_user_id" uuid,
	"actor" text NOT NULL,
	"verdict" text NOT NULL,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_request_post_hoc_reviews_verdict" CHECK ("access_request_post_hoc_reviews"."verdict" in ('appropriate', 'inappropriate') and ("access_request_post_hoc_reviews"."verdict" = 'appropriate' or coalesce(btrim("access_request_post_hoc_reviews"."comment"), '') <> ''))
);
--> statement-breakpoint
ALTER TABLE "access_request_post_hoc_reviews" ADD CONSTRAINT "access_request_post_hoc_reviews_request_id_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."access_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_request_post_hoc_reviews" ADD CONSTRAINT "access_request_post_hoc_reviews_reviewer_person_id_people_id_fk" FOREIGN KEY ("reviewer_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_request_post_hoc_reviews_once" ON "access_request_post_hoc_reviews" USING btree ("request_id");--> statement-breakpoint
-- A break-glass request's post-hoc review is evidence, as its approvals are (0016): never changed or deleted by
-- the application. One verdict per request (the unique index above); a later migration that must rewrite one
-- disables this trigger for its statement and says why. The function is 0016's.
CREATE TRIGGER access_request_post_hoc_reviews_append_only BEFORE UPDATE OR DELETE ON access_request_post_hoc_reviews FOR EACH ROW EXECUTE FUNCTION rrcu_request_approvals_append_only();
--> statement-breakpoint
CREATE TRIGGER access_request_post_hoc_reviews_no_truncate BEFORE TRUNCATE ON access_request_post_hoc_reviews FOR EACH STATEMENT EXECUTE FUNCTION rrcu_request_approvals_append_only();
