'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { currentEngine, engineFromSearch, hrefForEngine, setCurrentEngine } from '@/lib/engine-scope';
import { DEFAULT_ENGINE_NAME } from '@/lib/protocol/engine-name';

interface CurrentEngine {
  /** The engine this tab looks at: `?engine=` in the URL, else the one it looked at before, else the default. */
  engine: string;
}

const Ctx = createContext<CurrentEngine>({ engine: DEFAULT_ENGINE_NAME });

/**
 * The one place that knows which engine the tab looks at. The URL carries it, so a reload, a shared
 * link or a second tab opens the same view on the same engine. A link that drops the parameter (any
 * page's plain `<Link href="/x">`) keeps the engine: the provider puts it back in the URL. Children
 * are keyed by the engine, so every page, query cache and channel starts afresh on a switch — no
 * page does anything for it. No Suspense boundary above it is needed: every page is rendered per request
 * (app/layout.tsx), so useSearchParams has the URL on the server too.
 */
export function CurrentEngineProvider({ children }: { children: (engine: string) => ReactNode }) {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const fromUrl = engineFromSearch(params);
  const [kept, setKept] = useState<string>(() => fromUrl ?? DEFAULT_ENGINE_NAME);
  const engine = fromUrl ?? kept;
  if (engine !== kept) setKept(engine);
  // Before any child renders, fetches or opens a channel (they read it at call time).
  if (currentEngine() !== engine) setCurrentEngine(engine);

  useEffect(() => {
    if (fromUrl || engine === DEFAULT_ENGINE_NAME) return;
    const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
    router.replace(hrefForEngine(here, engine), { scroll: false });
  }, [fromUrl, engine, pathname, router]);

  const value = useMemo(() => ({ engine }), [engine]);
  return <Ctx.Provider value={value}>{children(engine)}</Ctx.Provider>;
}

export function useCurrentEngine(): CurrentEngine {
  return useContext(Ctx);
}
