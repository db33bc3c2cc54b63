/** One place for react-query keys, so events can invalidate exactly what they change. */
export const keys = {
  engine: ['engine'] as const,
  containers: {
    all: ['containers'] as const,
    list: (opts: { size: boolean }) => ['containers', 'list', opts] as const,
    detail: (id: string) => ['containers', 'detail', id] as const,
    top: (id: string) => ['containers', 'top', id] as const,
    size: (id: string) => ['containers', 'size', id] as const,
    prunePreview: ['containers', 'prune-preview'] as const,
    changes: (id: string) => ['containers', 'changes', id] as const,
    files: (id: string, path: string) => ['containers', 'files', id, path] as const,
    runSpec: (id: string) => ['containers', 'run-spec', id] as const,
  },
  images: {
    all: ['images'] as const,
    list: (opts: { sharing: boolean }) => ['images', 'list', opts] as const,
    detail: (id: string) => ['images', 'detail', id] as const,
    layers: (sizes: boolean) => ['images', 'layers', sizes] as const,
    removePreview: (id: string, tag?: string) => ['images', 'remove-preview', id, tag ?? ''] as const,
    prunePreview: (mode: string, label: string) => ['images', 'prune-preview', mode, label] as const,
  },
  volumes: {
    all: ['volumes'] as const,
    list: ['volumes', 'list'] as const,
    detail: (name: string) => ['volumes', 'detail', name] as const,
    sizes: ['volumes', 'sizes'] as const,
    prunePreview: ['volumes', 'prune-preview'] as const,
  },
  /**
   * Outside `volumes`: reading files makes a helper container, whose events refresh `volumes`; a
   * listing under that key would refetch itself for ever.
   */
  volumeFiles: (volume: string, path: string) => ['volume-files', volume, path] as const,
  networks: {
    all: ['networks'] as const,
    list: ['networks', 'list'] as const,
    detail: (id: string) => ['networks', 'detail', id] as const,
    prunePreview: ['networks', 'prune-preview'] as const,
  },
};
