import type { CreateVolumeRequest, VolumePrunePreview, VolumeSizes, VolumeSummary, VolumeUser } from '../../../lib/protocol/volumes';
import type { VolumesApi } from '../api/volumes';
import { EngineError } from '../errors';
import { SIZE_WALK_DEADLINE_MS } from './context';
import { withSignal, type ResourceContext } from './resource-context';
import { dockerVolumeFiles } from './volume-files';

interface RawVolume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt?: string;
  Scope?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
}

interface RawContainer {
  Id: string;
  Names?: string[];
  State?: string;
  Mounts?: Array<{ Type?: string; Name?: string; Destination?: string; RW?: boolean }>;
}

const isAnonymous = (name: string) => /^[a-f0-9]{64}$/.test(name);

export function toVolumeSummary(v: RawVolume, users: VolumeUser[]): VolumeSummary {
  return {
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    ...(v.CreatedAt ? { createdAt: v.CreatedAt } : {}),
    scope: v.Scope ?? 'local',
    labels: v.Labels ?? {},
    options: v.Options ?? {},
    anonymous: isAnonymous(v.Name),
    usedBy: users,
  };
}

/** volume name → the containers that mount it, from one container list. */
export function volumeUsers(containers: RawContainer[]): Map<string, VolumeUser[]> {
  const users = new Map<string, VolumeUser[]>();
  for (const c of containers) {
    for (const m of c.Mounts ?? []) {
      if (m.Type !== 'volume' || !m.Name) continue;
      const list = users.get(m.Name) ?? [];
      list.push({
        id: c.Id,
        name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
        running: c.State === 'running',
        destination: m.Destination ?? '',
        readOnly: m.RW === false,
      });
      users.set(m.Name, list);
    }
  }
  return users;
}

export function dockerVolumes(ctx: ResourceContext): VolumesApi {
  const d = ctx.docker;
  /** The engine refuses a second disk-usage walk while one runs (20.10): share the one in flight. */
  let sizing: Promise<VolumeSizes> | null = null;

  const users = async () =>
    volumeUsers((await ctx.read((abortSignal) => d.listContainers({ all: true, abortSignal }), 'List containers')) as unknown as RawContainer[]);

  const list = async (): Promise<VolumeSummary[]> => {
    const [raw, byVolume] = await Promise.all([ctx.read((abortSignal) => withSignal(d.listVolumes, d, { abortSignal }), 'List volumes'), users()]);
    const volumes = ((raw as { Volumes?: RawVolume[] | null }).Volumes ?? []) as RawVolume[];
    return volumes.map((v) => toVolumeSummary(v, byVolume.get(v.Name) ?? [])).sort((a, b) => a.name.localeCompare(b.name));
  };

  const sizes = (): Promise<VolumeSizes> => {
    sizing ??= ctx
      .read((abortSignal) => withSignal(d.df, d, { abortSignal }), 'Measure volume sizes', SIZE_WALK_DEADLINE_MS)
      .then((df) => {
        const out: Record<string, number> = {};
        for (const v of ((df as { Volumes?: Array<RawVolume & { UsageData?: { Size?: number } }> | null }).Volumes ?? [])) {
          if (typeof v.UsageData?.Size === 'number' && v.UsageData.Size >= 0) out[v.Name] = v.UsageData.Size;
        }
        return { sizes: out, measuredAt: new Date().toISOString() };
      })
      .finally(() => {
        sizing = null;
      });
    return sizing;
  };

  return {
    list,

    async inspect(name) {
      const [raw, byVolume] = await Promise.all([ctx.read((abortSignal) => withSignal(d.getVolume(name).inspect, d.getVolume(name), { abortSignal }), `Volume ${name}`), users()]);
      const v = raw as unknown as RawVolume;
      return { volume: toVolumeSummary(v, byVolume.get(v.Name) ?? []), inspect: raw };
    },

    async create(req: CreateVolumeRequest) {
      if (req.name) {
        // The engine answers "create" for an existing name by returning it unchanged: say so instead.
        const exists = await ctx.read((abortSignal) => withSignal(d.getVolume(req.name!).inspect, d.getVolume(req.name!), { abortSignal })).then(
          () => true,
          (err: unknown) => {
            if (err instanceof EngineError && err.code === 'not_found') return false;
            throw err;
          },
        );
        if (exists) throw new EngineError('conflict', `A volume called ${req.name} already exists.`);
      }
      const res = (await ctx.call(
        () =>
          d.createVolume({
            ...(req.name ? { Name: req.name } : {}),
            Driver: req.driver ?? 'local',
            DriverOpts: req.driverOpts ?? {},
            Labels: req.labels ?? {},
          }),
        'Create volume',
      )) as unknown as { Name?: string; name?: string };
      // dockerode hands back either the engine's JSON or a Volume handle, depending on version.
      const name = res.Name ?? res.name!;
      const raw = await ctx.read((abortSignal) => withSignal(d.getVolume(name).inspect, d.getVolume(name), { abortSignal }), `Volume ${name}`);
      return toVolumeSummary(raw as unknown as RawVolume, []);
    },

    async remove(name) {
      const using = (await users()).get(name) ?? [];
      if (using.length) {
        throw new EngineError('conflict', `Volume ${name} is in use by ${using.map((u) => `${u.name}${u.running ? ' (running)' : ''}`).join(', ')}: remove ${using.length === 1 ? 'that container' : 'those containers'} first.`);
      }
      await ctx.call(() => d.getVolume(name).remove(), `Remove volume ${name}`);
    },

    sizes,

    async previewPrune(withSizes = false): Promise<VolumePrunePreview> {
      const [all, measured] = await Promise.all([list(), withSizes ? sizes() : Promise.resolve(null)]);
      const unused = all.filter((v) => v.usedBy.length === 0 && v.driver === 'local');
      const volumes = unused.map((v) => ({ name: v.name, anonymous: v.anonymous, ...(measured && v.name in measured.sizes ? { size: measured.sizes[v.name] } : {}) }));
      return { volumes, ...(measured ? { reclaimableBytes: volumes.reduce((s, v) => s + (v.size ?? 0), 0) } : {}) };
    },

    files: dockerVolumeFiles(ctx),

    async prune() {
      const res = (await ctx.call(() => d.pruneVolumes(), 'Prune volumes')) as { VolumesDeleted?: string[] | null; SpaceReclaimed?: number };
      return { removed: res.VolumesDeleted ?? [], reclaimedBytes: res.SpaceReclaimed ?? 0 };
    },
  };
}
