// Next runs this in the browser before any application code (the instrumentation-client hook):
// the one place early enough to configure zod before a schema module builds its parsers.
import '@/lib/protocol/zod-config';
