import { describe, expect, it } from 'vitest';
import { insecureRegistriesOf, productOf, toDiskUsage, toEngineDetails } from './system-info';

describe('engine facts', () => {
  it('names the product: Docker, or Podman (whose Platform.Name is its platform)', () => {
    expect(productOf({ Platform: { Name: '' }, Components: [{ Name: 'Engine' }] })).toBe('Docker Engine');
    expect(productOf({ Platform: { Name: 'Docker Engine - Community' } })).toBe('Docker Engine - Community');
    expect(productOf({ Platform: { Name: 'linux/amd64/debian-12' }, Components: [{ Name: 'Podman Engine' }] })).toBe('Podman Engine');
  });

  it('lists insecure registries as docker info does: CIDRs, then indexes not secure', () => {
    expect(
      insecureRegistriesOf({
        RegistryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8'], IndexConfigs: { 'docker.io': { Name: 'docker.io', Secure: true }, 'reg:5000': { Name: 'reg:5000', Secure: false } } },
      }),
    ).toEqual(['127.0.0.0/8', 'reg:5000']);
  });

  it('fills what an engine leaves out (Podman has no Swarm, no plugins list)', () => {
    const d = toEngineDetails({ Version: '4.3.1', Components: [{ Name: 'Podman Engine' }] }, { Driver: 'overlay' });
    expect(d.swarm.state).toBe('inactive');
    expect(d.plugins).toEqual({ volume: [], network: [], authorization: [], log: [] });
    expect(d.registryMirrors).toEqual([]);
  });
});

describe('disk usage, with the docker CLI arithmetic', () => {
  const df = toDiskUsage(
    {
      LayersSize: 1000,
      Images: [
        { Id: 'a', RepoTags: ['a:1'], Size: 600, SharedSize: 100, Containers: 1 },
        { Id: 'b', RepoTags: ['<none>:<none>'], Size: 500, SharedSize: 100, Containers: 0 },
      ],
      Containers: [
        { Id: 'c1', Names: ['/up'], State: 'running', SizeRw: 10 },
        { Id: 'c2', Names: ['/down'], State: 'exited', SizeRw: 30 },
      ],
      Volumes: [
        { Name: 'v1', UsageData: { Size: 50, RefCount: 1 } },
        { Name: 'v2', UsageData: { Size: 70, RefCount: 0 } },
        { Name: 'v3', UsageData: { Size: -1, RefCount: -1 } },
      ],
      BuildCache: [
        { ID: 'x', Size: 5, InUse: true, Shared: false },
        { ID: 'y', Size: 7, InUse: false, Shared: false },
        { ID: 'z', Size: 9, InUse: false, Shared: true },
      ],
    },
    new Date(0),
    12,
  );
  const cat = (k: string) => df.categories.find((c) => c.kind === k)!;

  it('images: reclaimable is what no container-using image holds exclusively', () => {
    expect(cat('images')).toMatchObject({ total: 2, active: 1, sizeBytes: 1000, reclaimableBytes: 500 });
    expect(cat('images').items.map((i) => i.name)).toEqual(['a:1', '<none>']);
  });

  it('containers, volumes, build cache', () => {
    expect(cat('containers')).toMatchObject({ total: 2, active: 1, sizeBytes: 40, reclaimableBytes: 30 });
    expect(cat('volumes')).toMatchObject({ total: 3, active: 1, sizeBytes: 120, reclaimableBytes: 70 });
    expect(cat('buildCache')).toMatchObject({ total: 3, active: 1, sizeBytes: 12, reclaimableBytes: 7 });
  });
});
