/**
 * The cache keys of access requests: every answer is under `all`, which any change (a submit, a decision, a
 * cancel, a revoke, an extension, a policy applied or archived) invalidates: a decision moves the approvals
 * count in the menu, the lists and the request's page alike.
 */
export const requestKeys = {
  all: ['requests'] as const,
  requestable: () => ['requests', 'requestable'] as const,
  list: (view: string, status: readonly string[]) => ['requests', 'list', view, status] as const,
  detail: (id: number) => ['requests', 'detail', id] as const,
  approvalsCount: () => ['requests', 'list', 'approvals', 'count'] as const,
  policies: (archived: boolean) => ['requests', 'policies', archived] as const,
  policy: (id: string) => ['requests', 'policy', id] as const,
  preview: (document: unknown) => ['requests', 'policy-preview', document] as const,
};
