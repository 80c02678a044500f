/** The cache keys of evidence packs. */
export const evidenceKeys = {
  all: ['evidence'] as const,
  packs: () => ['evidence', 'packs'] as const,
  kinds: () => ['evidence', 'kinds'] as const,
  publicKey: () => ['evidence', 'public-key'] as const,
};
