/**
 * Page titles name what the page shows, most specific first, so browser tabs can be told apart:
 * "web1 · Logs — Dockside". The " — Dockside" suffix is the root layout's title template; pages
 * give only their parts.
 *
 * Static pages:   export const metadata = { title: pageTitle('Images') };
 * Per resource:   export const generateMetadata = titleFromParam('Logs', containerName);   // its name, else params.id
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

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * What a resource page's id stands for, as a person knows it (a container's name, an image's tag),
 * read from what the server keeps; undefined when it does not know (the id is shown instead).
 */
export type NameOfRef = (ref: string, searchParams: SearchParams) => Promise<string | undefined>;

/**
 * A generateMetadata for a page under a `[id]` segment: "<name> · <section>", the name from nameOf
 * when given and known, else the id as the URL has it (decoded). Done on the server so the document
 * has it before any script runs (a tab opened in the background); the page's useDocumentTitle then
 * keeps it right when the server did not know the name.
 */
export function titleFromParam(section?: string, nameOf?: NameOfRef) {
  return async ({ params, searchParams }: { params: Promise<Record<string, string | string[] | undefined>>; searchParams?: Promise<SearchParams> }): Promise<{ title: string }> => {
    const raw = (await params).id;
    const value = Array.isArray(raw) ? raw.join('/') : (raw ?? '');
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // Not valid percent-encoding: show it as it came.
    }
    const name = nameOf ? await nameOf(decoded, (await searchParams) ?? {}) : undefined;
    return { title: pageTitle(name ?? decoded, section) };
  };
}

