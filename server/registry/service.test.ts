import { describe, expect, it } from 'vitest';
import { fromDomains } from './service';

describe('fromDomains', () => {
  it('names the registries of the base images, not stage aliases or variables', () => {
    const dockerfile = ['FROM --platform=linux/amd64 registry.example:5000/base/go:1 AS build', 'FROM build', 'from busybox', 'FROM localhost/x', 'FROM ${BASE}', 'FROM team/app AS final'].join('\n');
    expect(fromDomains(dockerfile).sort()).toEqual(['docker.io', 'localhost', 'registry.example:5000']);
  });
});
