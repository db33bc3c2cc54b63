import 'server-only';
// The facade route handlers use to reach the server. Next bundles route handlers apart from the
// custom server; the engine registry and runtime are anchored on globalThis so both share them.
// Route handlers get their engine from `engineOf(req)` in route-kit.
export { runtime } from './runtime';
export { readAuditLog } from './security/audit';
export { removeDemoContainers } from './demo';
export { listEngineEntries } from './engine/registry';
export { engineStatuses } from './hub/engine-statuses';
export { addEngine, auditSummaryOf, editEngine, removeEngine } from './engine/engine-admin';
