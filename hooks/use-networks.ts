'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { ConnectNetworkRequest, CreateNetworkRequest, DisconnectNetworkRequest, NetworkPrunePreview, NetworkPruneResult, NetworkSummary } from '@/lib/protocol/networks';
import { keys } from './query-keys';

const enc = encodeURIComponent;

/** `follow: false` holds the list as it is: events do not refetch it for this component (see react-query's `subscribed`). */
export function useNetworks(follow = true) {
  return useQuery({ subscribed: follow, queryKey: keys.networks.list, queryFn: ({ signal }) => api<NetworkSummary[]>('/api/networks', { signal }) });
}

export function useNetworkPrunePreview(enabled: boolean) {
  return useQuery({ queryKey: keys.networks.prunePreview, queryFn: ({ signal }) => api<NetworkPrunePreview>('/api/prune/networks', { signal }), enabled });
}

export const createNetwork = (req: CreateNetworkRequest) => api<NetworkSummary>('/api/networks', { method: 'POST', body: req });
export const removeNetwork = (id: string) => api<void>(`/api/networks/${enc(id)}`, { method: 'DELETE' });
export const connectNetwork = (id: string, req: ConnectNetworkRequest) => api<void>(`/api/networks/${enc(id)}/connect`, { method: 'POST', body: req });
export const disconnectNetwork = (id: string, req: DisconnectNetworkRequest) => api<void>(`/api/networks/${enc(id)}/disconnect`, { method: 'POST', body: req });
export const pruneNetworks = () => api<NetworkPruneResult>('/api/prune/networks', { method: 'POST' });
