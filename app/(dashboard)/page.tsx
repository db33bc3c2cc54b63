import type { Metadata } from 'next';
import { Home } from '@/components/engines/home';

export const metadata: Metadata = { title: 'All engines' };

/** With more than one engine, every engine at a glance; with one, its containers (the server redirects first). */
export default function HomePage() {
  return <Home />;
}
