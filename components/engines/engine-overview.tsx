'use client';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useEngines } from '@/hooks/use-engines';
import { EngineCard } from './engine-card';

/**
 * Every engine at a glance (the home page when there is more than one): each card asks its own
 * engine and follows its own events, so one down engine never blocks another.
 */
export function EngineOverview() {
  const engines = useEngines();
  return (
    <div className="flex flex-col gap-4 p-4 sm:p-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">Engines</h1>
        <Link href="/engines" className="text-xs text-accent hover:underline">
          Add or manage engines
        </Link>
      </div>
      {engines.isPending && <Spinner label="Listing the engines" />}
      {engines.isError && (
        <EmptyState tone="error" title="Could not list the engines">
          {engines.error.message}
        </EmptyState>
      )}
      {engines.data && (
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2 2xl:grid-cols-3" data-testid="engine-cards">
          {engines.data.map((e) => (
            <EngineCard key={e.name} info={e} />
          ))}
        </ul>
      )}
    </div>
  );
}
