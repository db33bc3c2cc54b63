/**
 * Page titles name what the page shows, most specific first, so browser tabs can be told apart:
 * "web1 · Logs — Dockside". The " — Dockside" suffix is the root layout's title template; pages
 * give only their parts.
 *
 * Static pages:   export const metadata = { title: pageTitle('Images') };
 * Per resource:   export const generateMetadata = titleFromParam('Logs');   // params.id first
 * Client-known:   useDocumentTitle(pageTitle(name, 'Logs')) (hooks/use-document-title.ts)
 */
export const APP_NAME = 'Dockside';

export function pageTitle(...parts: Array<string | undefined | null | false>): string {
  return parts.filter((p): p is string => !!p).join(' · ');
}

/** The full document title, as the root layout's template writes it. */
export function documentTitle(title: string): string {
  return title ? `${title} — ${APP_NAME}` : APP_NAME;
}

/** A generateMetadata for a page under a `[id]` segment: "<id> · <section>". */
export function titleFromParam(section?: string, param = 'id') {
  return async ({ params }: { params: Promise<Record<string, string | string[] | undefined>> }): Promise<{ title: string }> => {
    const raw = (await params)[param];
    const value = Array.isArray(raw) ? raw.join('/') : (raw ?? '');
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // Not valid percent-encoding: show it as it came.
    }
    return { title: pageTitle(decoded, section) };
  };
}
