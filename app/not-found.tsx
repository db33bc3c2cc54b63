import { NotFoundPanel } from '@/components/shell/not-found-panel';

/** Outside the dashboard (rare: the dashboard's catch-all takes unknown paths) — same words, no shell. */
export default function NotFound() {
  return (
    <main id="main" className="p-6">
      <NotFoundPanel />
    </main>
  );
}
