import { taskManager } from '@/server/transfers/next-facade';
import { route } from '@/server/route-kit';

/** GET: recent tasks (running and finished, bounded), newest first. */
export const GET = route(async () => taskManager().list());
