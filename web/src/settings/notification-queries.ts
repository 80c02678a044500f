import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { ApiAnswer, ApiBody } from '../types.ts';
import { settingsKeys } from './query-keys.ts';

/** Settings → Notifications' API: channels, Send test, the delivery log and Retry (Super Administrator). */

export type ChannelView = ApiAnswer<'listNotificationChannels'>['items'][number];
export type ChannelKind = ChannelView['kind'];
export type DeliveryView = ApiAnswer<'listNotificationDeliveries'>['items'][number];
export type DeliveryStatus = DeliveryView['status'];
export type NewChannel = ApiBody<'createNotificationChannel'>;
export type ChannelChange = ApiBody<'updateNotificationChannel'>;

export function useChannels() {
  return useQuery({ queryKey: settingsKeys.notificationChannels(), queryFn: () => api<{ items: ChannelView[] }>('GET', '/api/notifications/channels') });
}

/** A change to the channels, or a test or retry: the channels and the log show it. */
function useChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: settingsKeys.notificationChannels() });
    void queryClient.invalidateQueries({ queryKey: settingsKeys.allDeliveries() });
  };
}

export function useSaveChannel(id: string | null, onSaved: (channel: ChannelView) => void) {
  const changed = useChanged();
  return useMutation({
    mutationFn: (body: NewChannel | ChannelChange) =>
      id === null ? api<ChannelView>('POST', '/api/notifications/channels', { body }) : api<ChannelView>('PATCH', `/api/notifications/channels/${encodeURIComponent(id)}`, { body }),
    onSuccess: (channel) => {
      onSaved(channel);
      changed();
    },
  });
}

export function useArchiveChannel(onArchived: () => void) {
  const changed = useChanged();
  return useMutation({
    mutationFn: (id: string) => api<ChannelView>('DELETE', `/api/notifications/channels/${encodeURIComponent(id)}`),
    onSuccess: () => {
      onArchived();
      changed();
    },
  });
}

export function useSendTest(onSent: (delivery: DeliveryView) => void) {
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ id, to }: { id: string; to?: string }) => api<DeliveryView>('POST', `/api/notifications/channels/${encodeURIComponent(id)}/test`, { body: to ? { to } : {} }),
    onSuccess: (delivery) => {
      onSent(delivery);
      changed();
    },
  });
}

/** The delivery log, newest first, a page at a time (keyset: `next`). */
export function useDeliveries(filter: { status?: string; channelId?: string }) {
  return useInfiniteQuery({
    queryKey: settingsKeys.deliveries(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<{ items: DeliveryView[]; next: string | null }>('GET', '/api/notifications/deliveries', { query: { ...filter, limit: 50, before: pageParam } }),
    getNextPageParam: (last) => last.next,
  });
}

export function useRetryDelivery() {
  const changed = useChanged();
  return useMutation({
    mutationFn: (id: string) => api<DeliveryView>('POST', `/api/notifications/deliveries/${encodeURIComponent(id)}/retry`),
    onSuccess: changed,
  });
}
