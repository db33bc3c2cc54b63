import { z } from './z';

/**
 * Registries the user added (credentials kept on the server only) and the v2 browser's answers.
 * The browser only ever gets a registry's id, address, user name and where it came from.
 */
export const registryIdSchema = z.string().regex(/^(?:[a-f0-9]{16}|hub|cfg-[a-f0-9]{16})$/, 'Not a registry id.');

/** `host[:port]` (or Docker Hub's names), no scheme, no path. */
export const registryAddressSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^https?:\/\//, '').replace(/\/+$/, '').replace(/\/v[12]$/, ''))
  .pipe(
    z
      .string()
      .min(1, 'A registry address is required.')
      .max(255)
      .regex(/^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/, 'A registry address is a host name with an optional port, like registry.example.com:5000.'),
  );

export const addRegistrySchema = z.object({
  address: registryAddressSchema,
  username: z.string().trim().min(1, 'A user name is required.').max(256),
  password: z.string().min(1, 'A password or token is required.').max(8192),
});
export type AddRegistryRequest = z.infer<typeof addRegistrySchema>;

export interface RegistrySummary {
  id: string;
  address: string;
  username?: string;
  /** `dockside`: added here (stored 0600 in the config dir); `docker-config`: read from ~/.docker/config.json, never written. */
  source: 'dockside' | 'docker-config' | 'builtin';
  hub: boolean;
  /** Whether the browser can list the catalog (Docker Hub has none). */
  catalog: boolean;
  /** How Dockside reaches it: HTTPS, or plain HTTP and why that is allowed. */
  transport: 'https' | 'http (loopback)' | 'http (engine insecure-registries)';
  addedAt?: string;
}

export const repoNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/, 'Not a repository name.');
export const tagNameSchema = z.string().regex(/^[\w][\w.-]{0,127}$/, 'Not a tag.');
export const digestSchema = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'Not a sha256 digest.');

export const pageQuerySchema = z.object({
  last: z.string().max(300).optional(),
  n: z.coerce.number().int().min(1).max(1000).default(100),
});

export interface Page<T> {
  items: T[];
  /** Pass as `last` for the next page; absent on the last page. */
  next?: string;
}

export interface PlatformEntry {
  os: string;
  architecture: string;
  variant?: string;
  digest: string;
  size: number;
  mediaType: string;
}

export interface LayerEntry {
  digest: string;
  size: number;
  mediaType: string;
}

export interface ManifestSummary {
  repository: string;
  reference: string;
  digest: string;
  mediaType: string;
  kind: 'index' | 'image';
  platforms: PlatformEntry[];
  layers: LayerEntry[];
  /** Compressed size as the registry stores it: config + layers (for an image manifest). */
  totalSize: number;
  config?: {
    created?: string;
    os?: string;
    architecture?: string;
    cmd?: string[];
    entrypoint?: string[];
    labels?: Record<string, string>;
  };
}

export interface DigestTags {
  digest: string;
  /** Every tag of the repository that points at this digest (all of them go when it is deleted). */
  tags: string[];
  /** True when the repository had more tags than Dockside checked. */
  partial: boolean;
}
