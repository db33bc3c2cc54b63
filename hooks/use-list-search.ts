import { useMemo, useRef } from 'react';
import { useSlashFocus } from '@/hooks/use-slash-focus';
import { useUrlView } from '@/hooks/use-url-view';
import { searchRows, searchViewFromParams, searchViewToParams } from '@/lib/format/list-search';

/**
 * The search box of a list without other filters (volumes, networks): its words kept in the URL
 * (`?q=`), `/` to focus it (`search` is its ref), and the rows it leaves of `items` by `matches`
 * (a module-level function, so the rows are worked out only when the list or the words change),
 * and `noMatch`, what ListStates says when none match, with the way back.
 */
export function useListSearch<T>(items: readonly T[] | undefined, matches: (row: T, q: string) => boolean) {
  const { view, setView } = useUrlView(searchViewFromParams, searchViewToParams);
  const search = useRef<HTMLInputElement>(null);
  useSlashFocus(search);
  const rows = useMemo(() => searchRows(items ?? [], view.q, matches), [items, view.q, matches]);
  const setQuery = (q: string) => setView({ q });
  const noMatch = { because: `“${view.q.trim()}”`, clearLabel: 'Clear the search', onClear: () => setQuery('') };
  return { query: view.q, setQuery, search, rows, noMatch };
}
