import { z } from 'zod';

/**
 * An error as RRCU keeps and reports it inside a sync run or a provisioning task: a stable code, what
 * happened, what to do. The store keeps it as JSON; the API answers with this schema.
 */
export const storedErrorSchema = z.object({ code: z.string(), message: z.string(), fix: z.string().optional() });

export type StoredError = z.infer<typeof storedErrorSchema>;
