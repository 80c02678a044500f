import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The signatures of Slack's interaction requests RRCU accepted, so that the same request sent again
 * within its five-minute window (a replay of a captured request) is refused, in every process serving
 * the API. Rows outlive the window and are then deleted: past it the timestamp check refuses the request.
 */
export const slackSeenSignatures = pgTable(
  'slack_seen_signatures',
  {
    signature: text('signature').primaryKey(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('slack_seen_signatures_seen_at_idx').on(t.seenAt)],
);
