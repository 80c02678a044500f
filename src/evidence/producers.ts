import type { z } from 'zod';
import type { Db } from '../store/index.ts';
import type { Report, ReportKind } from './report-model.ts';

/**
 * A report kind's producer: its parameters' schema (every door validates with it) and how its report is
 * built from the store. The reports (src/evidence/reports) are the producers; `createApp` hands their
 * registry (`REPORT_PRODUCERS`) to the evidence service, which is the one place a kind becomes makeable.
 */
export type Producer = {
  parameters: z.ZodType;
  produce(db: Db, parameters: never, by: { actor: string; name: string }, now: Date): Promise<Report>;
};

/** The kinds this process can make packs of; a kind without a producer is refused when asked for. */
export type Producers = Partial<Record<ReportKind, Producer>>;
