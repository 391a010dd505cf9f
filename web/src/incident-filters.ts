/**
 * The dashboard's incident filters as one typed value, read from and written to the query string
 * the API takes (`/api/v1/incidents?…`, `/stats`, `/export`) and the page's own hash
 * (`#/?perpetrator=russia`), so a filtered view is a shareable link. Values that the API would
 * reject (a malformed date, a negative minimum) are dropped when parsing a hand-edited link rather
 * than turned into an error page.
 */

export const FILTER_KEYS = ['from', 'to', 'perpetrator', 'event_type', 'admin1', 'claimant', 'min_killed', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

const VALID: Record<FilterKey, (v: string) => boolean> = {
  from: isIsoDate,
  to: isIsoDate,
  perpetrator: nonEmpty,
  event_type: nonEmpty,
  admin1: nonEmpty,
  claimant: nonEmpty,
  min_killed: (v) => /^\d{1,9}$/.test(v),
  q: nonEmpty,
};

function nonEmpty(v: string): boolean {
  return v.trim() !== '';
}

export function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}

export function parseFilters(params: URLSearchParams): Filters {
  const out: Filters = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v !== null && VALID[key](v)) out[key] = key === 'q' ? v : v.trim();
  }
  return out;
}

/** Query parameters in FILTER_KEYS order, so equal filters give equal URLs. */
export function filtersToParams(filters: Filters, omit: readonly FilterKey[] = []): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v !== undefined && v !== '' && !omit.includes(key)) params.set(key, v);
  }
  return params;
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return filtersToParams(a).toString() === filtersToParams(b).toString();
}

export function activeFilterCount(filters: Filters): number {
  return FILTER_KEYS.filter((k) => filters[k] !== undefined && filters[k] !== '').length;
}
