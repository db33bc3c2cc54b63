import 'server-only';
// What the tasks and registries route handlers use (bundled by Next apart from the custom server;
// the task manager and the registry store are anchored on globalThis, so both see one of each).
export { taskManager } from '../tasks/task-manager';
export { callRegistry, listRegistries, loginRegistry, logoutRegistry, registryFailure } from '../registry/service';
export { EngineError } from '../engine/errors';
