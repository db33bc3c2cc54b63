'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { Spinner } from '@/components/ui/spinner';
import { useEngines } from '@/hooks/use-engines';
import { hrefForEngine } from '@/lib/engine-scope';
import { EngineOverview } from './engine-overview';

/**
 * `/`: with one engine, its containers (as before); with more, every engine at a glance. The list
 * answers at once (statuses follow on the engines channel), so this never waits for a slow engine.
 */
export function Home() {
  const engines = useEngines();
  const router = useRouter();
  const single = engines.data !== undefined && engines.data.length <= 1;
  // When the list cannot be had, the containers page says what is wrong better than an empty home.
  const toContainers = single || engines.isError;
  useEffect(() => {
    if (toContainers) router.replace(hrefForEngine('/containers'));
  }, [toContainers, router]);
  if (engines.data && !single) return <EngineOverview />;
  return (
    <div className="flex items-center gap-2 p-6 text-sm text-muted">
      <Spinner label="Opening" />
    </div>
  );
}
