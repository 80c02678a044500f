/** The cache keys of provisioning tasks: every list is under `all()`; one task by its id. */
export const taskKeys = {
  all: () => ['tasks'] as const,
  list: (filter: { status: string | undefined; connectorId: string | undefined }) => ['tasks', filter] as const,
  task: (id: string | undefined) => ['task', id] as const,
};
