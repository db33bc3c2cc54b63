import { z } from 'zod';

/**
 * Imported for its effect by instrumentation-client.ts, before any app code runs in the browser.
 * Zod 4 compiles object parsers with `new Function` when eval is allowed, and probes for that with
 * a `Function('')` call when a schema is built; under our CSP (no 'unsafe-eval') the probe fails
 * safely but reports a CSP violation on every page. Parsing without the JIT is as correct, and
 * keeps the violation log meaningful.
 */
z.config({ jitless: true });
