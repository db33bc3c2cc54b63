/** Where Dockside shows an image or a container (one place, so task results link correctly). */
export function imageHref(ref: string): string {
  return `/images/${encodeURIComponent(ref)}`;
}

export function containerHref(id: string): string {
  return `/containers/${encodeURIComponent(id)}`;
}

export function taskHref(id: string): string {
  return `/tasks?task=${encodeURIComponent(id)}`;
}
