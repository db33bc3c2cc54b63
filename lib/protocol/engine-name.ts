/**
 * The engine-name rule without zod: the shell, the API client and every page read `?engine=` on
 * first load, and importing the zod schema there put all of zod (~90 kB gzip) into every page's
 * first-load JS. `engines.ts` builds its zod schema from these same constants.
 */

/** The engine used when a request names none. */
export const DEFAULT_ENGINE_NAME = 'default';

/** The query parameter (routes) that picks an engine; WebSocket `open` frames carry `engine`. */
export const ENGINE_QUERY_PARAM = 'engine';

export const ENGINE_NAME_MAX = 64;

/** The docker CLI's own rule for context names, so a name is safe in a URL query, a frame and a log line. */
export const ENGINE_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$/;

export const ENGINE_NAME_PATTERN_MESSAGE = 'Engine names use letters, digits, "_", ".", "+" and "-", and start with a letter or digit.';

/** Whether `name` is a valid engine name (the same rule as `engineNameSchema`). */
export function isEngineName(name: string): boolean {
  return name.length >= 1 && name.length <= ENGINE_NAME_MAX && ENGINE_NAME_PATTERN.test(name);
}
