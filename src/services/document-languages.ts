/**
 * The store's current documents by language (given, else detected; primary subtag; "und" when not
 * known), and whether Tally's rules read each: what the dashboard shows so that documents stored
 * but not extracted are counted, never silently absent (issue 13).
 */
import type { IncidentStore } from '../storage/incident-store.ts';
import { EXTRACTED_LANGUAGES, primaryLanguage } from '../pipeline/ingest/document-language.ts';

export interface LanguageCount {
  id: string;
  documents: number;
  extracted: boolean;
}

export async function documentLanguages(store: IncidentStore): Promise<LanguageCount[]> {
  const counts = new Map<string, number>();
  for (const { language, documents } of await store.documentLanguages()) {
    const id = primaryLanguage(language) ?? 'und';
    counts.set(id, (counts.get(id) ?? 0) + documents);
  }
  return [...counts]
    .map(([id, documents]) => ({ id, documents, extracted: id === 'und' || EXTRACTED_LANGUAGES.has(id) }))
    .sort((a, b) => b.documents - a.documents || (a.id < b.id ? -1 : 1));
}
