/**
 * The transfer routes' paths, shared by client and server. Apart from the schemas in `transfers.ts`
 * (which re-exports this): a page that only links to or cancels a task does not load zod.
 */
export const transfersPaths = {
  pull: '/api/transfers/pull',
  push: '/api/transfers/push',
  build: '/api/transfers/build',
  load: '/api/transfers/load',
  import: '/api/transfers/import',
  limits: '/api/transfers/limits',
  save: '/api/images/get',
  export: (id: string) => `/api/containers/${encodeURIComponent(id)}/export`,
  cancel: (id: string) => `/api/tasks/${encodeURIComponent(id)}/cancel`,
} as const;
