/** A column header's sort toggle; the caller's header cell carries `aria-sort` (see `ariaSort`). */
export function SortButton({ label, active, dir, onClick }: { label: string; active: boolean; dir: 'asc' | 'desc'; onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} className={`inline-flex items-center gap-1 tracking-wide uppercase hover:text-fg ${active ? 'text-fg' : ''}`}>
      {label}
      <span aria-hidden className="text-[10px]">
        {active ? (dir === 'asc' ? '▲' : '▼') : ''}
      </span>
    </button>
  );
}

export const ariaSort = (active: boolean, dir: 'asc' | 'desc') => (active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none');

/** A sortable column header of a virtualised table (`role=columnheader`, its `aria-sort` from the list's view). */
export function SortHeader<K extends string>({ label, k, view, onSort, title }: { label: string; k: K; view: { sort: K; dir: 'asc' | 'desc' }; onSort: (k: K) => void; title?: string }) {
  const active = view.sort === k;
  return (
    <div role="columnheader" aria-sort={ariaSort(active, view.dir)} title={title}>
      <SortButton label={label} active={active} dir={view.dir} onClick={() => onSort(k)} />
    </div>
  );
}
