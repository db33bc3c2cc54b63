import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  familiarImageRef,
  formatImageRef,
  imageNameSchema,
  imageRefSchema,
  imageTagTargetSchema,
  normalizeImageRef,
  parseImageRef,
  type ImageRef,
} from './image-ref';

const lowerAlnum = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 8 });
const separator = fc.constantFrom('.', '_', '__', '-', '--');
const pathComponent = fc
  .tuple(lowerAlnum, fc.array(fc.tuple(separator, lowerAlnum), { maxLength: 2 }))
  .map(([head, tail]) => head + tail.map(([s, a]) => s + a).join(''));
const path = fc.array(pathComponent, { minLength: 1, maxLength: 3 }).map((cs) => cs.join('/'));
const hostLabel = fc
  .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'), minLength: 1, maxLength: 8 })
  .filter((s) => !s.startsWith('-') && !s.endsWith('-'));
const domain = fc.oneof(
  fc.tuple(hostLabel, fc.array(hostLabel, { minLength: 1, maxLength: 2 })).map(([h, t]) => [h, ...t].join('.')),
  fc.constant('localhost'),
  fc.constant('[::1]'),
).chain((host) => fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }).map((port) => (port ? `${host}:${port}` : host)));
const tagChar = fc.constantFrom(...'abcXYZ019_.-');
const tag = fc
  .tuple(fc.constantFrom(...'aZ09_'), fc.string({ unit: tagChar, maxLength: 127 }))
  .map(([a, b]) => a + b);
const digest = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }).map((h) => `sha256:${h}`);

const validRef: fc.Arbitrary<ImageRef> = fc
  .record(
    { domain: domain, path, tag, digest },
    { requiredKeys: ['path'] },
  )
  .filter((r) => formatImageRef({ ...r, tag: undefined, digest: undefined }).length <= 255)
  .filter((r) => Boolean(r.domain) || !/^[a-f0-9]{64}$/.test(r.path))
  // Without a domain, a first component with "." would be read as a host (as Docker reads it).
  .filter((r) => Boolean(r.domain) || !r.path.includes('/') || !r.path.split('/')[0]!.includes('.'));

describe('parseImageRef', () => {
  it('round-trips every generated valid reference', () => {
    fc.assert(
      fc.property(validRef, (ref) => {
        const s = formatImageRef(ref);
        const r = parseImageRef(s);
        expect(r).toEqual({ ok: true, ref: expect.anything() });
        if (r.ok) {
          expect(formatImageRef(r.ref)).toBe(s);
          expect(r.ref.path).toBe(ref.path);
          expect(r.ref.tag).toBe(ref.tag);
          expect(r.ref.digest).toBe(ref.digest);
          expect(r.ref.domain).toBe(ref.domain);
        }
        expect(imageRefSchema.safeParse(s).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('splits the familiar forms as Docker does', () => {
    expect(parseImageRef('busybox')).toEqual({ ok: true, ref: { path: 'busybox' } });
    expect(parseImageRef('dockside/busybox:latest')).toEqual({ ok: true, ref: { path: 'dockside/busybox', tag: 'latest' } });
    expect(parseImageRef('localhost:5000/app')).toEqual({ ok: true, ref: { domain: 'localhost:5000', path: 'app' } });
    expect(parseImageRef('localhost/app:1')).toEqual({ ok: true, ref: { domain: 'localhost', path: 'app', tag: '1' } });
    expect(parseImageRef('ghcr.io/o/r/x:v1.2')).toEqual({ ok: true, ref: { domain: 'ghcr.io', path: 'o/r/x', tag: 'v1.2' } });
    expect(parseImageRef('[::1]:5000/a@sha256:' + 'a'.repeat(64))).toEqual({
      ok: true,
      ref: { domain: '[::1]:5000', path: 'a', digest: 'sha256:' + 'a'.repeat(64) },
    });
    // A first component without "." or ":" is a path, not a host.
    expect(parseImageRef('team/app')).toEqual({ ok: true, ref: { path: 'team/app' } });
  });

  it.each([
    ['..', /not a valid/],
    ['../etc', /not a valid/],
    ['a/../b', /not a valid/],
    ['a%2Fb', /not a valid/],
    ['team%2F..%2Fapp', /not a valid/],
    ['my app', /spaces/],
    [' busybox', /spaces/],
    ['busybox\n', /spaces/],
    ['Busybox', /lowercase/],
    ['team/MyApp', /lowercase/],
    ['busybox:' + 'a'.repeat(129), /at most 128/],
    ['busybox:.hidden', /not a valid tag/],
    ['busybox:-x', /not a valid tag/],
    ['busybox:', /not a valid tag/],
    ['a//b', /empty component/],
    ['a/', /empty component/],
    ['', /required/],
    [':tag', /no repository/],
    ['a@sha256:abc', /not a valid digest/],
    ['a@sha256:' + 'A'.repeat(64), /lowercase hex/],
    ['a?b', /not a valid/],
    ['a#b', /not a valid/],
    ['a' + '/b'.repeat(130), /at most 255/],
    ['a'.repeat(64), /hex string/],
    ['-abc', /not a valid/],
    ['a__-b', /not a valid/],
    ['bad_host-.com/app', /registry host/],
  ])('refuses %j', (input, why) => {
    const r = parseImageRef(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(why);
    expect(imageRefSchema.safeParse(input).success).toBe(false);
  });

  it('refuses any reference with a character outside the grammar', () => {
    fc.assert(
      fc.property(validRef, fc.constantFrom(' ', '%', '?', '#', '\\', '"', '\t', '\u00e9', '*', '!'), fc.nat(), (ref, bad, at) => {
        const s = formatImageRef(ref);
        const i = at % (s.length + 1);
        expect(parseImageRef(s.slice(0, i) + bad + s.slice(i)).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('normalizing', () => {
  it('makes Docker Hub and latest explicit, and back', () => {
    const n = normalizeImageRef({ path: 'busybox' });
    expect(formatImageRef(n)).toBe('docker.io/library/busybox:latest');
    expect(familiarImageRef(n)).toBe('busybox:latest');
    expect(formatImageRef(normalizeImageRef({ path: 'team/app', digest: 'sha256:' + 'b'.repeat(64) }))).toBe(
      'docker.io/team/app@sha256:' + 'b'.repeat(64),
    );
    expect(formatImageRef(normalizeImageRef({ domain: 'ghcr.io', path: 'x' }))).toBe('ghcr.io/x:latest');
  });
});

describe('schemas', () => {
  it('tag targets refuse digests and trim', () => {
    expect(imageTagTargetSchema.parse(' app:1 ')).toBe('app:1');
    expect(imageTagTargetSchema.safeParse('app@sha256:' + 'c'.repeat(64)).success).toBe(false);
  });
  it('image names accept ids and references only', () => {
    for (const ok of ['sha256:' + 'd'.repeat(64), 'd'.repeat(12), 'd'.repeat(64), 'busybox:1', 'localhost:5000/a/b@sha256:' + 'e'.repeat(64)]) {
      expect(imageNameSchema.safeParse(ok).success).toBe(true);
    }
    for (const bad of ['', '..', '../x', 'a%2F..', 'sha256:../x', 'A b']) expect(imageNameSchema.safeParse(bad).success).toBe(false);
  });
});
