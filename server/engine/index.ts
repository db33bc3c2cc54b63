// The engine port: the only part of Dockside that talks to an engine (and the only importer of
// dockerode, under docker/). Everything it returns is a Dockside type from lib/protocol; everything
// it throws is an EngineError that names the engine. Callers get an `Engine` from the registry.
export type { Engine } from './engine';
export type { ContainersApi, ContainerRunState, InspectedContainer } from './api/containers';
export type { ExecApi, ExecOptions, ExecSession, TerminalSize } from './api/exec';
export type { ContainerLogStream, LogDownloadOptions, LogsApi, LogsRequest, LogStreamHandlers } from './api/logs';
export type { StatsApi, StatsStream } from './api/stats';
export type { EventsApi, EventStream, EventsWindowRequest } from './api/events';
export type { EngineStatusContext, SystemApi } from './api/system';
export type { ImagesApi } from './api/images';
export { getEngine, listEngines, listEngineEntries, registerEngine, unregisterEngine, resetDefaultEngine, type RegisteredEngine } from './registry';
export { EngineError, toEngineError, describeEngine } from './errors';
export type { RunApi, ContainerRunSpec } from './api/run';
export type { VolumesApi } from './api/volumes';
export type { NetworksApi } from './api/networks';
// Routes stream a bulk body (save, export, a container file's download) to the browser with this.
export { pipeBulk } from './docker/bulk-http';
