/**
 * A label filter as `docker ps --filter label=…` / `docker images --filter label=…` take it:
 * `key` (the label is set, any value) or `key=value` (exactly that value; `key=` is the empty
 * value). The key is everything before the first `=`, the value everything after it.
 */
export type LabelFilter = { key: string; value?: string };

export type LabelFilterParse = { ok: true; filter: LabelFilter | null } | { ok: false; error: string };

export const MAX_LABEL_FILTER_LENGTH = 500;

/** Parses what a person typed or the URL carries; '' (or only spaces) is no filter. */
export function parseLabelFilter(text: string): LabelFilterParse {
  const s = text.trim();
  if (!s) return { ok: true, filter: null };
  if (s.length > MAX_LABEL_FILTER_LENGTH) return { ok: false, error: `A label filter is at most ${MAX_LABEL_FILTER_LENGTH} characters.` };
  const eq = s.indexOf('=');
  const key = (eq === -1 ? s : s.slice(0, eq)).trim();
  if (!key) return { ok: false, error: 'A label filter needs a key: key or key=value.' };
  if (/\s/.test(key)) return { ok: false, error: 'A label key has no spaces: key or key=value.' };
  return { ok: true, filter: eq === -1 ? { key } : { key, value: s.slice(eq + 1) } };
}

export function formatLabelFilter(f: LabelFilter): string {
  return f.value === undefined ? f.key : `${f.key}=${f.value}`;
}

/** Whether labels pass the filter (no filter: everything passes). */
export function matchesLabelFilter(labels: Readonly<Record<string, string>>, f: LabelFilter | null): boolean {
  if (!f) return true;
  if (!Object.hasOwn(labels, f.key)) return false;
  return f.value === undefined || labels[f.key] === f.value;
}

/** Whether a search (lower-case `q`) names one of the labels: its key, its value or `key=value`. */
export function labelsContain(labels: Readonly<Record<string, string>>, q: string): boolean {
  for (const [k, val] of Object.entries(labels)) {
    const kl = k.toLowerCase();
    const vl = val.toLowerCase();
    if (kl.includes(q) || vl.includes(q) || `${kl}=${vl}`.includes(q)) return true;
  }
  return false;
}
