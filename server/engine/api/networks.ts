import type {
  ConnectNetworkRequest,
  CreateNetworkRequest,
  DisconnectNetworkRequest,
  NetworkPrunePreview,
  NetworkPruneResult,
  NetworkSummary,
} from '../../../lib/protocol/networks';

/** Networks (`docker network ls / create / inspect / connect / disconnect / rm / prune`). Refs have passed `networkRefSchema`. */
export interface NetworksApi {
  /** Every network, with its subnets and the containers (running or not) attached. */
  list(): Promise<NetworkSummary[]>;
  inspect(ref: string): Promise<{ network: NetworkSummary; inspect: unknown }>;
  create(req: CreateNetworkRequest): Promise<NetworkSummary>;
  connect(ref: string, req: ConnectNetworkRequest): Promise<void>;
  disconnect(ref: string, req: DisconnectNetworkRequest): Promise<void>;
  /** Refused for bridge/host/none, and (conflict, naming them) while containers are attached. */
  remove(ref: string): Promise<void>;
  previewPrune(): Promise<NetworkPrunePreview>;
  prune(): Promise<NetworkPruneResult>;
}
