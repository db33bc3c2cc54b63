'use client';
import dynamic from 'next/dynamic';

// The confirmation dialogs validate with the shared zod schemas. Loaded on first use, they keep the
// schema library out of the container list's first load (see BENCHMARKS.md, figure 7).
export const LazyOperationDialog = dynamic(() => import('./operation-dialog').then((m) => m.OperationDialog), { ssr: false });
