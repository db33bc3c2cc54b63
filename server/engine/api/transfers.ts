import type { Readable } from 'node:stream';

/**
 * Moving images in and out of an engine: pull, push, tag, build, save, load, export, import, and
 * the `/auth` check. Progress streams are returned raw (JSON lines): the task runner parses them
 * itself (`server/transfers/json-lines.ts`), because the engine reports failures inside HTTP 200.
 * Every call takes a signal that closes the engine request.
 */

/** Credentials for one registry, as the engine's `X-Registry-Auth` wants them. Never logged. */
export type RegistryAuth = { username: string; password: string; serveraddress: string } | { identitytoken: string; serveraddress: string };

export interface BuildOptions {
  tags: string[];
  dockerfile: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  target?: string;
  noCache: boolean;
  pull: boolean;
  /** Credentials for the registries the Dockerfile's FROM lines need, by server address. */
  registryConfig?: Record<string, { username: string; password: string }>;
}

export interface ImportOptions {
  repo?: string;
  tag?: string;
  message?: string;
  changes: string[];
}

export interface TransfersApi {
  /** `docker pull`: JSON-lines progress. */
  pull(reference: string, opts: { platform?: string; auth?: RegistryAuth; signal: AbortSignal }): Promise<Readable>;
  /** `docker push`: JSON-lines progress. */
  push(reference: string, opts: { auth?: RegistryAuth; signal: AbortSignal }): Promise<Readable>;
  /** `docker build` (legacy builder) from a tar context: JSON-lines log. */
  build(context: Readable, opts: BuildOptions & { signal: AbortSignal }): Promise<Readable>;
  /** `docker save`: a tar of the images, streamed. */
  save(names: string[], signal: AbortSignal): Promise<Readable>;
  /** `docker load`: JSON-lines messages (`Loaded image: …`). `length`: the archive's size when known. */
  load(tar: Readable, signal: AbortSignal, length?: number | null): Promise<Readable>;
  /** `docker export`: the container's filesystem as a tar, streamed. */
  exportContainer(id: string, signal: AbortSignal): Promise<Readable>;
  /** `docker import`: JSON-lines messages ending with the new image id. */
  importImage(tar: Readable, opts: ImportOptions & { signal: AbortSignal; length?: number | null }): Promise<Readable>;
  /** `docker login` without storing anything: the engine asks the registry. */
  checkAuth(auth: RegistryAuth): Promise<{ status: string; identityToken?: string }>;
  /** Where the engine itself allows plain HTTP (`insecure-registries`; 127.0.0.0/8 by default). */
  insecureRegistries(): Promise<InsecureRegistries>;
}

export interface InsecureRegistries {
  /** `RegistryConfig.InsecureRegistryCIDRs`. */
  cidrs: string[];
  /** Registries marked `Secure: false` in `RegistryConfig.IndexConfigs`. */
  hosts: string[];
}
