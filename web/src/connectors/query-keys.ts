/**
 * The cache keys of connectors. `list` is the Connectors page's list, followed live while a connector syncs;
 * `choices` is the same list as filters and the grant form offer it, asked less often.
 */
export const connectorKeys = {
  list: () => ['connectors'] as const,
  choices: () => ['access-connectors'] as const,
  detail: (id: string) => ['connector', id] as const,
  setup: (id: string) => ['connector-setup', id] as const,
};
