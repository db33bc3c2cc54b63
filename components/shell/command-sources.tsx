'use client';
import type { PaletteCommand } from '@/components/ui/command-palette';
import { useContainerList } from '@/hooks/use-containers';
import { composeProject } from '@/lib/format/compose';

/** Every container: its page, logs and shell. Read only while the palette is open (the list's own cache is reused). */
function useContainerCommands(open: boolean): PaletteCommand[] {
  const list = useContainerList({ size: false }, open);
  if (!open || !list.data) return [];
  return list.data.flatMap((c) => {
    const base = `/containers/${encodeURIComponent(c.name)}`;
    const kw = [c.image, c.id.slice(0, 12), composeProject(c) ?? ''];
    return [
      { id: `container:${c.id}`, label: c.name, group: 'Containers', href: base, keywords: kw, hint: c.state },
      { id: `container-logs:${c.id}`, label: `${c.name} · Logs`, group: 'Containers', href: `${base}/logs`, keywords: kw },
      ...(c.state === 'running' ? [{ id: `container-shell:${c.id}`, label: `${c.name} · Shell`, group: 'Containers', href: `${base}/terminal`, keywords: kw }] : []),
    ];
  });
}

/** The palette's always-present sources (after the pages, which the shell adds from its nav); one line per resource: images, volumes, … add theirs here. */
export const commandSources = [useContainerCommands] as const;
