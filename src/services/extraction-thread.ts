/**
 * The body of an extraction worker thread (./extraction-worker.ts): builds its place resolver once
 * (the embedded gazetteer, or the one a store holds), then extracts each article it is sent and
 * answers with the mentions and warnings, or with the error that stopped it. Extraction runs here so
 * that the process's event loop — an HTTP server's other requests — never waits for it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../domain/types.ts';
import { extractDocument } from '../pipeline/extract/extract-document.ts';
import type { PlaceResolver } from '../pipeline/geocode/place-resolver.ts';
import { embeddedDefault, resolverFor } from './gazetteer-service.ts';
import { openStore } from '../storage/open-store.ts';
import { incidentsJsonRendering } from '../export/incidents-json.ts';
import type { ExtractionThreadRequest, ExtractionThreadReply, GazetteerSpec } from './extraction-worker.ts';

async function resolverOf(spec: GazetteerSpec): Promise<PlaceResolver> {
  if (spec.kind === 'embedded') return embeddedDefault().resolver;
  const store = await openStore(spec.location, incidentsJsonRendering);
  try {
    return (await resolverFor(store, spec.gazetteerDir)).resolver;
  } finally {
    await store.close();
  }
}

const port = parentPort!;
const resolver = resolverOf((workerData as { gazetteer: GazetteerSpec }).gazetteer);

port.on('message', async (request: ExtractionThreadRequest) => {
  let reply: ExtractionThreadReply;
  try {
    const result = extractDocument(request.article as Article, await resolver);
    reply = { id: request.id, ok: true, mentions: result.mentions, warnings: result.warnings };
  } catch (e) {
    reply = { id: request.id, ok: false, name: (e as Error).name, message: (e as Error).message };
  }
  port.postMessage(reply);
});
