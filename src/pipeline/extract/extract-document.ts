/**
 * One document in, its mentions out, as a sequence of named passes over immutable data
 * (docs/architecture.md shows what each reads and writes):
 *
 * 1. read-document   — normalise, segment, fix the publication day, read sentences and frames;
 * 2. carry-context   — fill each frame's date, source, perpetrator, event type and place from the
 *                      sentences around it, the way news prose leans on what it said before;
 * 3. place-frames    — resolve places against the gazetteer, fix each frame's date;
 * 4. classify-frames — incident, tally or background, each decision with its rule id;
 *    document-town   — an incident naming no town takes the one town the whole report names;
 * 5. merge-frames    — the frames of one event inside the article become one group;
 *    reconcile-outcomes — the wounded who died are counted once, as killed; a category stated in
 *                      a sentence of its own ("All of the dead were civilians") completes the toll;
 * 6. build-mentions  — groups become Mentions (quote, places, figures, classification).
 */
import type { Article, Mention, Warning } from '../../domain/types.ts';
import type { PlaceResolving } from '../../domain/place-lookup.ts';
import { readDocument } from './passes/read-document.ts';
import { carryContext } from './passes/carry-context.ts';
import { placeFrames } from './passes/place-frames.ts';
import { classifyFrames } from './passes/classify-frames.ts';
import { placeInDocumentTown } from './passes/document-town.ts';
import { mergeFrames } from './passes/merge-frames.ts';
import { completeCategories, reconcileOutcomes } from './passes/reconcile-outcomes.ts';
import { buildMentions } from './passes/build-mentions.ts';
import { attachNamedPeople } from './passes/named-people.ts';
import type { ClassifiedFrame, DocumentReading, FrameGroup } from './passes/extraction-state.ts';

export { publishedFromUrl } from './passes/publication-day.ts';

export interface ExtractResult {
  mentions: Mention[];
  warnings: Warning[];
}

export function extractDocument(article: Article, resolver: PlaceResolving): ExtractResult {
  const { mentions, warnings } = runPasses(article, resolver);
  return { mentions, warnings };
}

/** Every pass's output, for `traceDocument` (trace-document.ts): the same run `extractDocument` makes. */
export interface PassOutputs extends ExtractResult {
  doc: DocumentReading;
  classified: ClassifiedFrame[];
  groups: FrameGroup[];
}

export function runPasses(article: Article, resolver: PlaceResolving): PassOutputs {
  // Where the document is (dateline, states and countries it names, its URL): places are read and
  // resolved in that context, so a town is looked for in the document's country first.
  const geo = resolver.documentGeo({ text: article.text, title: article.title, url: article.url });
  const local = resolver.inContext(geo.context);
  const doc = readDocument(article, local, geo);
  const frames = carryContext(doc, local);
  const { placed, warnings } = placeFrames(doc, frames, local);
  const classified = placeInDocumentTown(doc, classifyFrames(doc, placed), local);
  const groups = completeCategories(reconcileOutcomes(mergeFrames(doc, classified)), doc);
  return { doc, classified, groups, mentions: attachNamedPeople(doc, buildMentions(doc, groups)), warnings: [...doc.warnings, ...warnings] };
}
