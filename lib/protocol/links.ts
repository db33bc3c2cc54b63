/** Where Dockside shows an image or a container (one place, so task results link correctly). */
export function imageHref(ref: string): string {
  // The images page names images by bare hex id, or by reference.
  return `/images/${encodeURIComponent(ref.replace(/^sha256:/, ''))}`;
}

export function containerHref(id: string): string {
  return `/containers/${encodeURIComponent(id)}`;
}

export function taskHref(id: string): string {
  return `/tasks?task=${encodeURIComponent(id)}`;
}
