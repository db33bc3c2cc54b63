import { notFound } from 'next/navigation';

// Any path no page claims lands here, so it gets the app's own not-found page inside the shell
// (app/(dashboard)/not-found.tsx) instead of Next's bare one.
export default function Missing(): never {
  notFound();
}
