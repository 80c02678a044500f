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
