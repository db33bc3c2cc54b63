import { describe, expect, it } from 'vitest';
import { imageRunRef, runFormHref } from './run-form-href';

describe('runFormHref', () => {
  it('fills the form with an image, its reference encoded', () => {
    expect(runFormHref({ image: 'registry.local:5000/team/app:1.0' })).toBe('/containers/new?image=registry.local%3A5000%2Fteam%2Fapp%3A1.0');
    expect(new URL(runFormHref({ image: 'a b&c=d' }), 'http://x').searchParams.get('image')).toBe('a b&c=d');
  });

  it('duplicates a container, or edits it', () => {
    expect(runFormHref({ container: 'web1' })).toBe('/containers/new?from=web1');
    expect(runFormHref({ container: 'web1', edit: true })).toBe('/containers/new?from=web1&edit=1');
  });
});

describe('imageRunRef', () => {
  it('is the first tag, or the id of an untagged image', () => {
    expect(imageRunRef({ id: 'sha256:abc', repoTags: ['app:1', 'app:latest'] })).toBe('app:1');
    expect(imageRunRef({ id: 'sha256:abc', repoTags: [] })).toBe('sha256:abc');
  });
});
