import 'server-only';
// The facade route handlers use to reach the engine. Next bundles route handlers apart from the
// custom server; the engine client and runtime are anchored on globalThis so both share them.
export * from './engine';
export { runtime } from './runtime';
export { readAuditLog } from './security/audit';
export { removeDemoContainers } from './demo';
