import { CronExpressionParser } from 'cron-parser';

/**
 * Why `expression` is not a schedule a recurring campaign can have, or undefined when it is one. Read by
 * cron-parser in UTC, non-strict, as pg-boss reads it when the review jobs preview the next occurrences,
 * so a campaign accepted here is one the jobs can launch. Empty is refused: cron-parser would read it as
 * every minute, nearly always a missing value.
 */
export function cronProblem(expression: string): string | undefined {
  if (expression.trim() === '') return 'recurrenceCron is empty: give a cron expression in UTC (e.g. "0 6 1 1,4,7,10 *", quarterly) or null for a one-off';
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC', strict: false });
    return undefined;
  } catch (e) {
    return `recurrenceCron ${JSON.stringify(expression)} is not a cron expression: ${(e as Error).message} (e.g. "0 6 1 1,4,7,10 *", quarterly, in UTC)`;
  }
}

/**
 * The latest occurrence of `expression` (UTC) after `after` and at or before `now`, or undefined when none
 * has fallen due. Read backwards from `now`, one step whatever the gap: the tick is hourly, a recurrence
 * left for years still launches one copy for its latest occurrence, and nothing depends on previewing a
 * thousand future dates in time (pg-boss's previewSchedule gives up after a second on a busy machine, which
 * the tick then took for an invalid schedule). Throws when the expression is not a cron expression.
 */
export function latestOccurrence(expression: string, after: Date, now: Date): Date | undefined {
  const problem = cronProblem(expression);
  if (problem) throw new Error(problem);
  // prev() is strictly before currentDate: one millisecond on, an occurrence exactly at `now` is due.
  const latest = CronExpressionParser.parse(expression, { tz: 'UTC', strict: false, currentDate: new Date(now.getTime() + 1) }).prev().toDate();
  return latest > after ? latest : undefined;
}
