/**
 * Links to the run form (`/containers/new`, app/(dashboard)/containers/new/page.tsx reads these):
 * filled with an image (an image's Run, on its page and on its row in the list), or from a
 * container (Duplicate; `edit` recreates it with the changes).
 */
export function runFormHref(from: { image: string } | { container: string; edit?: boolean }): string {
  const q = new URLSearchParams();
  if ('image' in from) q.set('image', from.image);
  else {
    q.set('from', from.container);
    if (from.edit) q.set('edit', '1');
  }
  return `/containers/new?${q}`;
}

/** The reference an image is run by: its first tag, or its id when it has none (a dangling or intermediate image). */
export function imageRunRef(image: { id: string; repoTags: readonly string[] }): string {
  return image.repoTags[0] ?? image.id;
}

/** What an image's Run link says it does (its tooltip, on the image's page and on its row). */
export function runTitle(ref: string): string {
  return `A new container from ${ref} (docker run)`;
}
