import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { authKeys } from '../auth/query-keys.ts';
import { taskKeys } from '../provisioning/query-keys.ts';
import { syncKeys } from '../syncs/query-keys.ts';
import type { ApiAnswer, ApiBody, ConnectorView } from '../types.ts';
import { connectorKeys } from './query-keys.ts';

/** The connectors' API: the records, Sync now, the setup documents and the connection test. */

// The shapes come from the OpenAPI document (api-types.gen.ts): the connector's config fields are declared once, on the server.
export type SetupView = ApiAnswer<'getConnectorSetup'>;

export type TestResult = ApiAnswer<'testConnector'>;

// A sync is queued, not started, when Sync now answers: keep asking until the run shows up (or give up after 2 min).
const requested = new Map<string, { previousRunId: number | null; at: number }>();

export function awaitingSync(c: ConnectorView): boolean {
  const r = requested.get(c.id);
  if (!r) return false;
  if (Date.now() - r.at > 120_000 || (c.lastRun && c.lastRun.id !== r.previousRunId)) {
    requested.delete(c.id);
    return false;
  }
  return true;
}

export function isBusy(c: ConnectorView): boolean {
  return c.status === 'syncing' || awaitingSync(c);
}

/** The Connectors page's list; `followSyncs` asks every second while one of them syncs. */
export function useConnectorList({ followSyncs = false }: { followSyncs?: boolean } = {}) {
  return useQuery({
    queryKey: connectorKeys.list(),
    queryFn: () => api<{ items: ConnectorView[] }>('GET', '/api/connectors'),
    refetchInterval: (q) => (followSyncs && q.state.data?.items.some(isBusy) ? 1000 : false),
  });
}

/** The connectors as filters, names and the grant form need them: a list that changes rarely, asked at most once a minute. */
export function useConnectorChoices(enabled = true) {
  return useQuery({
    queryKey: connectorKeys.choices(),
    queryFn: () => api<{ items: ConnectorView[] }>('GET', '/api/connectors'),
    enabled,
    staleTime: 60_000,
  });
}

export function useConnector(id: string) {
  return useQuery({
    queryKey: connectorKeys.detail(id),
    queryFn: () => api<ConnectorView>('GET', `/api/connectors/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (q.state.data && isBusy(q.state.data) ? 1000 : false),
  });
}

const queueSync = (connectorId: string) => api<ApiAnswer<'syncConnector', 202>>('POST', `/api/connectors/${encodeURIComponent(connectorId)}/sync`);

/** Sync now on a connector's pages: the connector shows Queued until its run appears, and the lists follow. */
export function useSyncNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (c: ConnectorView) => queueSync(c.id),
    onMutate: (c) => {
      requested.set(c.id, { previousRunId: c.lastRun?.id ?? null, at: Date.now() });
    },
    onError: (_e, c) => {
      requested.delete(c.id);
    },
    onSettled: (_d, _e, c) => {
      void queryClient.invalidateQueries({ queryKey: connectorKeys.detail(c.id) });
      void queryClient.invalidateQueries({ queryKey: connectorKeys.list() });
      void queryClient.invalidateQueries({ queryKey: syncKeys.all() });
    },
  });
}

/** Sync now where only the answer matters (a task waiting to be seen by a sync): nothing else is asked again. */
export function useQueueSync(connectorId: string) {
  return useMutation({ mutationFn: () => queueSync(connectorId) });
}

export function useSetup(connectorId: string, enabled = true) {
  return useQuery({
    queryKey: connectorKeys.setup(connectorId),
    queryFn: () => api<SetupView>('GET', `/api/connectors/${encodeURIComponent(connectorId)}/setup`),
    enabled,
  });
}

export function useTestConnection(connectorId: string) {
  return useMutation({ mutationFn: () => api<TestResult>('POST', `/api/connectors/${encodeURIComponent(connectorId)}/test`) });
}

/** A connector as the API answered a change: the page shows it at once, the lists ask again. */
function useSavedConnector() {
  const queryClient = useQueryClient();
  return (c: ConnectorView) => {
    queryClient.setQueryData(connectorKeys.detail(c.id), c);
    void queryClient.invalidateQueries({ queryKey: connectorKeys.list() });
  };
}

export type NewConnector = ApiBody<'createConnector'>;

export function useCreateConnector(onCreated: (c: ConnectorView) => void) {
  const saved = useSavedConnector();
  return useMutation({
    mutationFn: (body: NewConnector) => api<ConnectorView>('POST', '/api/connectors', { body }),
    onSuccess: (c) => {
      saved(c);
      onCreated(c);
    },
  });
}

export type ConnectorPatch = ApiBody<'updateConnector'>;
export type ConfigPatch = NonNullable<ConnectorPatch['config']>;

/** PATCH of a connector's name, owners or settings; a change of settings also changes its setup documents. */
export function useUpdateConnector(id: string, onUpdated: (c: ConnectorView) => void) {
  const queryClient = useQueryClient();
  const saved = useSavedConnector();
  return useMutation({
    mutationFn: (body: ConnectorPatch) => api<ConnectorView>('PATCH', `/api/connectors/${encodeURIComponent(id)}`, { body }),
    onSuccess: (c, body) => {
      if (body.config) void queryClient.invalidateQueries({ queryKey: connectorKeys.setup(id) });
      saved(c);
      onUpdated(c);
    },
  });
}

/** Archives a connector: the lists, the grant form's choices and the tasks change; the simulation banner goes with its connector. */
export function useArchiveConnector(id: string, onArchived: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('DELETE', `/api/connectors/${encodeURIComponent(id)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: connectorKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: connectorKeys.list() });
      void queryClient.invalidateQueries({ queryKey: connectorKeys.choices() });
      void queryClient.invalidateQueries({ queryKey: taskKeys.all() });
      void queryClient.invalidateQueries({ queryKey: authKeys.me() });
      onArchived();
    },
  });
}

/** Deletes an archived connector's data for good (the name typed as confirmation): its runs and tasks leave every list. */
export function usePurgeConnector(id: string, onPurged: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) => api<unknown>('POST', `/api/connectors/${encodeURIComponent(id)}/purge`, { body: { confirm } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: connectorKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: connectorKeys.list() });
      void queryClient.invalidateQueries({ queryKey: connectorKeys.choices() });
      void queryClient.invalidateQueries({ queryKey: syncKeys.all() });
      void queryClient.invalidateQueries({ queryKey: taskKeys.all() });
      onPurged();
    },
  });
}
