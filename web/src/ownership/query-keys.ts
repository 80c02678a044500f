/** The cache keys of resource owners, by resource. */
export const ownerKeys = {
  all: ['owners'] as const,
  of: (connectorId: string, resourceType: string, resourceId: string) => ['owners', connectorId, resourceType, resourceId] as const,
};
