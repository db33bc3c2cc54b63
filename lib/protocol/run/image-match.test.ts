import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../images';
import { imageChoices, matchLocalImage } from './image-match';

const img = (id: string, repoTags: string[], repoDigests: string[] = []): ImageSummary => ({
  id: `sha256:${id.padEnd(64, '0')}`,
  repoTags,
  repoDigests,
  parentId: '',
  created: 0,
  size: 0,
  labels: {},
  kind: 'pulled' as ImageSummary['kind'],
  containers: 0,
  children: 0,
});
const web = img('aaaa1111bbbb', ['dockside/web:latest']);
const nginx = img('cccc2222dddd', ['nginx:1.27', 'nginx:stable'], ['nginx@sha256:' + 'e'.repeat(64)]);
const dangling = img('ffff3333eeee', []);
const all = [web, nginx, dangling];

describe('matchLocalImage', () => {
  it('finds a tag as written, a bare name as :latest, a digest, and an id prefix', () => {
    expect(matchLocalImage(all, 'dockside/web')).toBe(web);
    expect(matchLocalImage(all, 'dockside/web:latest')).toBe(web);
    expect(matchLocalImage(all, 'nginx:stable')).toBe(nginx);
    expect(matchLocalImage(all, `nginx@sha256:${'e'.repeat(64)}`)).toBe(nginx);
    expect(matchLocalImage(all, 'ffff3333eeee')).toBe(dangling);
    expect(matchLocalImage(all, `sha256:${'ffff3333eeee'.padEnd(64, '0')}`)).toBe(dangling);
    expect(matchLocalImage(all, 'docker.io/library/nginx:1.27')).toBe(nginx);
  });

  it('finds nothing for another tag, an invalid reference or empty text', () => {
    expect(matchLocalImage(all, 'nginx')).toBeUndefined();
    expect(matchLocalImage(all, 'nginx:1.28')).toBeUndefined();
    expect(matchLocalImage(all, 'Not An Image')).toBeUndefined();
    expect(matchLocalImage(all, '')).toBeUndefined();
  });
});

describe('imageChoices', () => {
  it('lists every tag and untagged images by short id, filtered by repo:tag or id, prefix matches first', () => {
    expect(imageChoices(all, '').map((c) => c.value)).toEqual(['dockside/web:latest', 'ffff3333eeee', 'nginx:1.27', 'nginx:stable']);
    expect(imageChoices(all, 'stable').map((c) => c.value)).toEqual(['nginx:stable']);
    expect(imageChoices(all, 'cccc22').map((c) => c.value)).toEqual(['nginx:1.27', 'nginx:stable']);
    expect(imageChoices(all, 'web').map((c) => c.value)).toEqual(['dockside/web:latest']);
    expect(imageChoices(all, 'st').map((c) => c.value)).toEqual(['dockside/web:latest', 'nginx:stable']);
    expect(imageChoices(all, 'ngi').map((c) => c.value)).toEqual(['nginx:1.27', 'nginx:stable']);
  });
});
