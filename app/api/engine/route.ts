import { runtime } from '@/server/next-entry';
import { engineOf, route } from '@/server/route-kit';

/** The engine's status (`?engine=<name>`, else the default engine): as its hub last saw it, else probed now. */
export const GET = route(async (req) => {
  const engine = engineOf(req);
  const rt = runtime();
  return rt?.engineStatus(engine.name) ?? engine.system.probe({ sandbox: false, readOnly: rt?.readOnly ?? false });
});
