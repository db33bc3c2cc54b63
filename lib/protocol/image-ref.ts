import { z } from './z';

/**
 * Image references (`registry.example:5000/team/app:1.2@sha256:…`), parsed by the distribution
 * reference grammar (`distribution/reference: regexp.go`, `normalize.go`), shared by the browser
 * (form validation) and the server (nothing reaches the engine unparsed).
 *
 *   reference  := name [ ":" tag ] [ "@" digest ]
 *   name       := [ domain "/" ] path            (at most 255 characters)
 *   domain     := host [ ":" port ]             host: dns components, or [IPv6]
 *   path       := component ( "/" component )*  component: [a-z0-9]+ ( ( [_.] | __ | -+ ) [a-z0-9]+ )*
 *   tag        := [\w][\w.-]{0,127}
 *   digest     := algorithm ":" hex             hex: at least 32 hex digits (sha256: exactly 64)
 *
 * The first "/"-separated part is the domain when it looks like a host, as Docker decides it: it
 * contains "." or ":", is "localhost", or has an uppercase letter (paths never do).
 */

export interface ImageRef {
  /** Registry host (`ghcr.io`, `localhost:5000`, `[::1]:5000`); absent means Docker Hub. */
  domain?: string;
  /** Repository path (`library/busybox`, `team/app`), lowercase components joined by "/". */
  path: string;
  tag?: string;
  digest?: string;
}

export type ImageRefResult = { ok: true; ref: ImageRef } | { ok: false; error: string };

export const IMAGE_NAME_MAX = 255;
export const IMAGE_TAG_MAX = 128;

const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainRe = new RegExp(`^(?:${domainName}|${ipv6})(?::[0-9]+)?$`);
const pathComponentRe = /^[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*$/;
const tagRe = /^[\w][\w.-]{0,127}$/;
const digestRe = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const sha256Re = /^sha256:[a-f0-9]{64}$/;
const fullHexRe = /^[a-f0-9]{64}$/;

function looksLikeDomain(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
}

const fail = (error: string): ImageRefResult => ({ ok: false, error });

/** Parses an image reference; never throws. Surrounding whitespace is not trimmed: it is refused. */
export function parseImageRef(input: string): ImageRefResult {
  if (typeof input !== 'string' || input.length === 0) return fail('An image reference is required.');
  if (/\s/.test(input)) return fail('An image reference cannot contain spaces.');
  if (input.length > IMAGE_NAME_MAX + 1 + IMAGE_TAG_MAX + 1 + 7 + 1 + 128) return fail('That image reference is too long.');

  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestRe.test(digest)) return fail(`"${digest}" is not a valid digest (algorithm:hex, e.g. sha256:…).`);
    if (digest.startsWith('sha256:') && !sha256Re.test(digest)) return fail('A sha256 digest is "sha256:" and 64 lowercase hex digits.');
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (tag.length > IMAGE_TAG_MAX) return fail(`A tag is at most ${IMAGE_TAG_MAX} characters.`);
    if (!tagRe.test(tag)) return fail(`"${tag}" is not a valid tag: letters, digits, "_", "." and "-", not starting with "." or "-".`);
  }

  if (rest.length === 0) return fail('The image reference has no repository name.');
  if (rest.length > IMAGE_NAME_MAX) return fail(`A repository name is at most ${IMAGE_NAME_MAX} characters.`);

  const parts = rest.split('/');
  let domain: string | undefined;
  if (parts.length > 1 && looksLikeDomain(parts[0]!)) {
    domain = parts.shift()!;
    if (!domainRe.test(domain)) return fail(`"${domain}" is not a valid registry host.`);
  }
  for (const c of parts) {
    if (c.length === 0) return fail('The repository path has an empty component ("//" or a trailing "/").');
    if (c !== c.toLowerCase() && pathComponentRe.test(c.toLowerCase())) return fail('Repository names must be lowercase.');
    if (!pathComponentRe.test(c)) {
      return fail(`"${c}" is not a valid repository name component: lowercase letters and digits, separated by ".", "_", "__" or "-".`);
    }
  }
  const path = parts.join('/');
  if (!domain && fullHexRe.test(path)) return fail('A repository name cannot be a 64-character hex string (that is an image id).');

  const ref: ImageRef = { path };
  if (domain !== undefined) ref.domain = domain;
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return { ok: true, ref };
}

export function formatImageRef(ref: ImageRef): string {
  let s = ref.domain ? `${ref.domain}/${ref.path}` : ref.path;
  if (ref.tag) s += `:${ref.tag}`;
  if (ref.digest) s += `@${ref.digest}`;
  return s;
}

/** The repository part without tag or digest (`localhost:5000/team/app`). */
export function imageRepository(ref: ImageRef): string {
  return ref.domain ? `${ref.domain}/${ref.path}` : ref.path;
}

/**
 * Docker's normalised form: Docker Hub made explicit (`docker.io/library/busybox`), and `latest`
 * when neither tag nor digest is given (what `docker pull busybox` pulls).
 */
export function normalizeImageRef(ref: ImageRef): Required<Pick<ImageRef, 'domain' | 'path'>> & ImageRef {
  const domain = !ref.domain || ref.domain === 'index.docker.io' ? 'docker.io' : ref.domain;
  const path = domain === 'docker.io' && !ref.path.includes('/') ? `library/${ref.path}` : ref.path;
  const out: ImageRef & { domain: string } = { domain, path };
  if (ref.tag) out.tag = ref.tag;
  else if (!ref.digest) out.tag = 'latest';
  if (ref.digest) out.digest = ref.digest;
  return out;
}

/** The short form Docker prints (`busybox:latest`, `team/app:1`), the inverse of normalizing. */
export function familiarImageRef(ref: ImageRef): string {
  let path = ref.path;
  let domain = ref.domain;
  if (domain === 'docker.io' || domain === 'index.docker.io') {
    domain = undefined;
    if (path.startsWith('library/') && path.split('/').length === 2) path = path.slice('library/'.length);
  }
  return formatImageRef({ ...ref, domain, path });
}

function refineWith(check: (ref: ImageRef) => string | null) {
  return (s: string, ctx: z.RefinementCtx) => {
    const r = parseImageRef(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
    else {
      const problem = check(r.ref);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }
  };
}

/** Any valid reference (name, optional tag, optional digest), as a string. */
export const imageRefSchema = z.string().superRefine(refineWith(() => null));

/** The target of `docker tag` / commit: a name with an optional tag, no digest. */
export const imageTagTargetSchema = z
  .string()
  .trim()
  .superRefine(refineWith((ref) => (ref.digest ? 'A tag cannot include a digest (@sha256:…).' : null)));

/** An image id as the engine prints it: `sha256:` + 64 hex, or 12–64 hex digits. */
export const imageIdSchema = z.string().regex(/^(?:sha256:[a-f0-9]{64}|[a-f0-9]{12,64})$/, 'Not a valid image id.');

/**
 * What a route accepts to name one image: an id (full or short) or a reference. Both grammars
 * exclude "..", "%", "?", "#" and spaces, so it cannot escape its engine path.
 */
export const imageNameSchema = z
  .string()
  .min(1, 'An image id or reference is required.')
  .superRefine((s, ctx) => {
    if (imageIdSchema.safeParse(s).success) return;
    const r = parseImageRef(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
  });
