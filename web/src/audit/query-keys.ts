/** The cache keys of the audit log, by the filter asked. */
export const auditKeys = {
  events: (filter: { type: string | undefined; actor: string | undefined; subject: string | undefined }) => ['audit', filter] as const,
};
