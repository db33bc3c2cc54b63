// The engine layer: the only part of Dockside that talks to dockerode. Everything it returns is a
// Dockside type from lib/protocol; everything it throws is an EngineError.
export * from './containers';
export * from './events';
export * from './logs';
export * from './system';
export { EngineError, toEngineError } from './errors';
export { engineClient, resetEngineClient } from './client';
export { runApi, volumesApi, networksApi } from './resources';
