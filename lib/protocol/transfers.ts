import { imageNameSchema, imageRefSchema, imageTagTargetSchema } from './image-ref';
import { registryIdSchema } from './registries';
import { z } from './z';

/** Requests that start pull, push, build, load, import, save and export tasks. */

export const platformSchema = z.string().regex(/^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/, 'A platform is os/arch[/variant], like linux/amd64 or linux/arm/v7.');

export const pullRequestSchema = z.object({
  reference: imageRefSchema,
  platform: platformSchema.optional(),
  /** Which stored credentials to use; by default, the ones stored for the reference's registry. */
  registryId: registryIdSchema.optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pushRequestSchema = z.object({
  /** The local image (id or reference). */
  source: imageNameSchema,
  /** Where it goes (`host:5000/team/app:v1`); when it differs from `source`, it is tagged first. */
  reference: imageTagTargetSchema,
  registryId: registryIdSchema.optional(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

const contextPath = z
  .string()
  .max(1024)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\0\\]+$/, 'The Dockerfile path must be a relative path inside the context.');
const argName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'Build argument names are letters, digits and "_".');
const labelKey = z.string().min(1).max(256).regex(/^[^\0\n=]+$/, 'Not a label key.');

export const buildOptionsSchema = z.object({
  tags: z.array(imageTagTargetSchema).max(20).default([]),
  dockerfile: contextPath.default('Dockerfile'),
  buildArgs: z.record(argName, z.string().max(4096)).default({}),
  labels: z.record(labelKey, z.string().max(4096)).default({}),
  target: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'Not a build stage name.').optional(),
  noCache: z.boolean().default(false),
  pull: z.boolean().default(false),
});
export type BuildOptionsInput = z.input<typeof buildOptionsSchema>;

export const MAX_DOCKERFILE_TEXT = 1024 * 1024;

/** Build from a Dockerfile written in the editor, with no other context. */
export const buildFromTextSchema = z.object({
  dockerfileText: z.string().min(1, 'The Dockerfile is empty.').max(MAX_DOCKERFILE_TEXT),
  options: buildOptionsSchema,
});

/** `docker import --change` accepts these instructions only. */
export const importChangeSchema = z
  .string()
  .max(1024)
  .regex(/^(CMD|ENTRYPOINT|ENV|EXPOSE|ONBUILD|USER|VOLUME|WORKDIR|LABEL|STOPSIGNAL)\s+[^\n\r]+$/i, 'A change is one Dockerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, ONBUILD, USER, VOLUME, WORKDIR, LABEL or STOPSIGNAL) on one line.');

export const importQuerySchema = z.object({
  /** `repository[:tag]` for the new image (optional: an untagged image otherwise). */
  reference: imageTagTargetSchema.optional(),
  message: z.string().max(1000).optional(),
  changes: z.array(importChangeSchema).max(30).default([]),
});

export const saveQuerySchema = z.object({
  names: z.array(imageNameSchema).min(1, 'Name at least one image.').max(100),
});

export interface TransferLimits {
  /** Largest load/import upload, bytes. */
  upload: number;
  /** Largest build context, bytes. */
  buildContext: number;
}

// In a module of its own (no zod): the Tasks page needs only the cancel path, not the schemas.
export { transfersPaths } from './transfer-paths';
