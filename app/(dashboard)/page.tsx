import { Home } from '@/components/engines/home';

/** With more than one engine, every engine at a glance; with one, its containers. */
export default function HomePage() {
  return <Home />;
}
