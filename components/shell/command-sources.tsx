'use client';
import type { PaletteCommand } from '@/components/ui/command-palette';
import { useContainerList } from '@/hooks/use-containers';
import { imagePathId, useImageList } from '@/hooks/use-images';
import { useNetworks } from '@/hooks/use-networks';
import { useVolumes } from '@/hooks/use-volumes';
import { composeProject } from '@/lib/format/compose';
import { imageTitle, isTopLevel, shortImageId } from '@/lib/images/image-filter';

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

/** Every image `docker images` lists (a build's intermediate steps are not): its page, by any tag or its short id. */
function useImageCommands(open: boolean): PaletteCommand[] {
  const list = useImageList({ sharing: false }, open);
  if (!open || !list.data) return [];
  return list.data.images.filter(isTopLevel).map((img) => ({
    id: `image:${img.id}`,
    label: imageTitle(img),
    group: 'Images',
    href: `/images/${imagePathId(img.id)}`,
    keywords: [...img.repoTags.slice(1), shortImageId(img.id)],
    hint: img.repoTags.length === 0 ? 'untagged' : undefined,
  }));
}

/** Every volume: the volumes list searched for it (a volume has no page of its own). */
function useVolumeCommands(open: boolean): PaletteCommand[] {
  const list = useVolumes(open);
  if (!open || !list.data) return [];
  return list.data.map((v) => ({
    id: `volume:${v.name}`,
    label: v.anonymous ? `${v.name.slice(0, 12)}…` : v.name,
    group: 'Volumes',
    href: `/volumes?q=${encodeURIComponent(v.name)}`,
    keywords: [v.name, ...v.usedBy.map((u) => u.name)],
    hint: v.usedBy.length ? 'in use' : 'unused',
  }));
}

/** Every network: the networks list searched for it. */
function useNetworkCommands(open: boolean): PaletteCommand[] {
  const list = useNetworks(open);
  if (!open || !list.data) return [];
  return list.data.map((n) => ({
    id: `network:${n.id}`,
    label: n.name,
    group: 'Networks',
    href: `/networks?q=${encodeURIComponent(n.name)}`,
    keywords: [n.id.slice(0, 12), ...n.ipam.flatMap((c) => (c.subnet ? [c.subnet] : []))],
    hint: n.driver,
  }));
}

/** The palette's always-present sources (after the pages, which the shell adds from its nav); one line per resource. */
export const commandSources = [useContainerCommands, useImageCommands, useVolumeCommands, useNetworkCommands] as const;
