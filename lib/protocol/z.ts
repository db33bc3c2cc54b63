import { z } from 'zod';

/**
 * Every schema module imports zod from here, so this runs before any schema is built. In the
 * browser, zod 4 probes for `new Function` (to compile parsers) when a schema is built; under our
 * CSP (no 'unsafe-eval') the probe fails safely but reports a CSP violation on every page. Parsing
 * without the JIT is as correct. The server keeps the JIT.
 */
if (typeof window !== 'undefined') z.config({ jitless: true });

export { z };
