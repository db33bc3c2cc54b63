import { z } from './z';

/**
 * A container reference as the engine accepts it in a URL path: a full or short hex id, or a name.
 * Names follow the engine's own rule (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`), so nothing like `../`, `%2F`,
 * `?` or `#` can ever reach the engine path.
 */
export const containerRefSchema = z
  .string()
  .min(1, 'A container id or name is required.')
  .max(128, 'A container id or name is at most 128 characters.')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Not a valid container id or name.');

/** A new container name (`docker rename`): the engine's rule, one leading `/` tolerated. */
export const containerNameSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\//, ''))
  .pipe(
    z
      .string()
      .min(2, 'A container name needs at least 2 characters.')
      .max(128, 'A container name is at most 128 characters.')
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'Names may use letters, digits, "_", "." and "-", and start with a letter or digit.'),
  );

export type ContainerRef = z.infer<typeof containerRefSchema>;
