/** One place for react-query keys, so events can invalidate exactly what they change. */
export const keys = {
  engine: ['engine'] as const,
  engineInfo: (engine: string | null) => ['engine-info', engine ?? ''] as const,
  engineDiskUsage: (engine: string | null) => ['engine-disk-usage', engine ?? ''] as const,
  containers: {
    all: ['containers'] as const,
    list: (opts: { size: boolean }) => ['containers', 'list', opts] as const,
    detail: (id: string) => ['containers', 'detail', id] as const,
    top: (id: string) => ['containers', 'top', id] as const,
    size: (id: string) => ['containers', 'size', id] as const,
    prunePreview: ['containers', 'prune-preview'] as const,
  },
};
