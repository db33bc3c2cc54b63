import { probeEngine, runtime } from '@/server/next-entry';
import { route } from '@/server/route-kit';

export const GET = route(async () => {
  const rt = runtime();
  return rt ? rt.engineStatus() : probeEngine({ sandbox: false, readOnly: false });
});
