import { imageIdSchema, parseImageRef } from '../image-ref';
import type { ImageSummary } from '../images';

/**
 * Which local image a typed image field names, the way the engine resolves it: a tag as written,
 * a name without tag meaning `:latest`, a digest reference, or an id (full or a prefix of at least
 * 12 hex digits, with or without `sha256:`). Shared by the run form's picker and its defaults.
 */
export function matchLocalImage(images: readonly ImageSummary[], typed: string): ImageSummary | undefined {
  const ref = typed.trim();
  if (!ref) return undefined;
  if (imageIdSchema.safeParse(ref).success) {
    const hex = ref.replace(/^sha256:/, '');
    const byId = images.find((i) => i.id.replace(/^sha256:/, '').startsWith(hex));
    if (byId) return byId;
  }
  const parsed = parseImageRef(ref);
  if (!parsed.ok) return undefined;
  const { tag, digest } = parsed.ref;
  const wanted = tag || digest ? ref : `${ref}:latest`;
  const candidates = [wanted, ...(wanted.startsWith('docker.io/') ? [wanted.slice('docker.io/'.length).replace(/^library\//, '')] : [])];
  return images.find((i) => (digest ? i.repoDigests : i.repoTags).some((t) => candidates.includes(t)));
}

/** One choice of the picker: a tag, or the id of an untagged image. */
export interface ImageChoice {
  /** What goes into the field. */
  value: string;
  image: ImageSummary;
}

/** The picker's choices for what is typed: every tag (and untagged image by short id) containing it. */
export function imageChoices(images: readonly ImageSummary[], query: string, limit = 50): ImageChoice[] {
  const q = query.trim().toLowerCase().replace(/^sha256:/, '');
  const all: ImageChoice[] = [];
  for (const image of images) {
    const tags = image.repoTags.filter((t) => t !== '<none>:<none>');
    if (tags.length) for (const t of tags) all.push({ value: t, image });
    else all.push({ value: image.id.replace(/^sha256:/, '').slice(0, 12), image });
  }
  const hit = (c: ImageChoice) => !q || c.value.toLowerCase().includes(q) || c.image.id.replace(/^sha256:/, '').startsWith(q);
  return all
    .filter(hit)
    .sort((a, b) => Number(b.value.toLowerCase().startsWith(q)) - Number(a.value.toLowerCase().startsWith(q)) || a.value.localeCompare(b.value))
    .slice(0, limit);
}
