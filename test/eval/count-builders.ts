/**
 * Tiny system incidents for the count and linking scorer tests: an id, the documents citing it,
 * headline figures given as `{ total: n }` (or any categories), and one claim per document whose
 * quote is invented for the test.
 */
import type { CountSummary } from '../../src/domain/types.ts';
import type { CountedExport, CountedIncident } from '../../src/eval/document-figures.ts';

type Figures = Partial<Record<keyof CountSummary, number>>;

function counts(figures: Figures): CountSummary {
  const out: CountSummary = {};
  for (const [k, n] of Object.entries(figures) as [keyof CountSummary, number][]) out[k] = { best: n, min: n, max: n };
  return out;
}

export function incident(id: string, documents: string[], killed: Figures = {}, injured: Figures = {}): CountedIncident {
  return {
    id,
    documents,
    killed: counts(killed),
    injured: counts(injured),
    claims: documents.map((document) => ({ document, quote: `${id} in ${document}`, killed, injured })),
  };
}

export function exportOf(...incidents: CountedIncident[]): CountedExport {
  return { incidents };
}
