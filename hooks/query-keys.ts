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
    changes: (id: string) => ['containers', 'changes', id] as const,
    files: (id: string, path: string) => ['containers', 'files', id, path] as const,
  },
  images: {
    all: ['images'] as const,
    list: (opts: { sharing: boolean }) => ['images', 'list', opts] as const,
    detail: (id: string) => ['images', 'detail', id] as const,
    layers: (sizes: boolean) => ['images', 'layers', sizes] as const,
    removePreview: (id: string, tag?: string) => ['images', 'remove-preview', id, tag ?? ''] as const,
    prunePreview: (mode: string, label: string) => ['images', 'prune-preview', mode, label] as const,
  },
};
