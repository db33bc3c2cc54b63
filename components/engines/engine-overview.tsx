'use client';
import Link from 'next/link';
import { EngineCardGrid } from './engine-card';

/**
 * Every engine at a glance (the home page when there is more than one): each card asks its own
 * engine and follows its own events, so one down engine never blocks another.
 */
export function EngineOverview() {
  return (
    <div className="flex flex-col gap-4 p-4 sm:p-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">Engines</h1>
        <Link href="/engines" className="text-xs text-accent hover:underline">
          Add or manage engines
        </Link>
      </div>
      <EngineCardGrid />
    </div>
  );
}
