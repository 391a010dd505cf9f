/**
 * The incident an ACLED-column CSV row's `event_id_cnty` names. The code is a one-way digest of
 * the incident id (src/export/acled-csv.ts acledEventId: country prefix + 10 hex digits of
 * SHA-256), kept short and stable because ACLED scripts treat it as a key; the CSV's `tally_id`
 * column is the direct key. To follow a code back, the stored incidents are read batch by batch
 * and each id — and each previous id (decision 0017), so a code from an older export still finds
 * the incident that absorbed its own — is digested with the code's prefix until one matches: one
 * pass over the store, bounded memory, no index to keep in step.
 */
import type { IncidentStore } from '../storage/incident-store.ts';
import { acledEventId } from '../export/acled-csv.ts';
import { EXPORT_BATCH } from './export-stream.ts';

/** The shape of an event_id_cnty Tally writes: an ISO 3166-1 alpha-3 prefix and 10 upper-case hex digits. */
export const EVENT_ID_PATTERN = /^[A-Z]{3}[0-9A-F]{10}$/;

/** The current id of the incident whose (current or previous) id `eventId` was made from; null when none. */
export async function incidentIdOfEventId(store: IncidentStore, eventId: string): Promise<string | null> {
  if (!EVENT_ID_PATTERN.test(eventId)) return null;
  const prefix = eventId.slice(0, 3);
  let after: number | null = null;
  for (;;) {
    const batch = await store.listIncidentBatch({}, { after, limit: EXPORT_BATCH });
    for (const { incident } of batch) {
      if ([incident.id, ...(incident.previousIds ?? [])].some((id) => acledEventId(id, prefix) === eventId)) return incident.id;
    }
    if (batch.length < EXPORT_BATCH) return null;
    after = batch[batch.length - 1].position;
  }
}
