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
 *
 * When the body yields no incident (a login page, a cookie notice, a site's front page), the title
 * is read as a one-line document (read-headline) and passes 2–6 run over it; its incident mentions
 * are the report's, with `quoteIn: 'title'`: their offsets are in the title (decision 0020).
 */
import type { Article, Mention, Provenance, Warning } from '../../domain/types.ts';
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
import { attachSites } from './passes/scene-sites.ts';
import { readHeadline } from './passes/read-headline.ts';
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

/** The passes after pass 1 over one reading (the body, or the headline read as a document). */
export interface ReadingOutputs {
  doc: DocumentReading;
  classified: ClassifiedFrame[];
  groups: FrameGroup[];
  mentions: Mention[];
  warnings: Warning[];
}

/** Every pass's output, for `traceDocument` (trace-document.ts): the same run `extractDocument` makes. */
export interface PassOutputs extends ReadingOutputs {
  /** The headline's run when the body yielded no incident and the title was read (its mentions are among `mentions`). */
  headline: (ReadingOutputs & { decisions: Provenance[] }) | null;
}

export function runPasses(article: Article, resolver: PlaceResolving): PassOutputs {
  // Where the document is (dateline, states and countries it names, its URL): places are read and
  // resolved in that context, so a town is looked for in the document's country first.
  const geo = resolver.documentGeo({ text: article.text, title: article.title, url: article.url });
  const local = resolver.inContext(geo.context);
  const body = runReading(readDocument(article, local, geo), local);
  if (body.mentions.some((m) => m.kind === 'incident')) return { ...body, headline: null };
  const read = readHeadline(article, local, body.doc);
  if (!read) return { ...body, headline: null };
  const run = runReading(read.reading, local);
  // Only incidents are taken from the headline (rule headline.body-silent): a tally's quote stays in the text.
  const taken = run.mentions
    .filter((m) => m.kind === 'incident')
    .map((m, i): Mention => ({ ...m, id: `${article.id}#${body.mentions.length + i}`, quoteIn: 'title', headlineRules: [BODY_SILENT, ...read.decisions] }));
  const headline = { ...run, mentions: taken, decisions: read.decisions };
  return { ...body, mentions: [...body.mentions, ...taken], warnings: [...body.warnings, ...(taken.length ? run.warnings : [])], headline };
}

/** The decision to read the title at all: the body told no incident. */
const BODY_SILENT: Provenance = { rule: 'headline.body-silent', span: { start: 0, end: 0 }, text: '' };

function runReading(doc: DocumentReading, local: PlaceResolving): ReadingOutputs {
  const frames = carryContext(doc, local);
  const { placed, warnings } = placeFrames(doc, frames, local);
  const classified = placeInDocumentTown(doc, classifyFrames(doc, placed), local);
  const groups = completeCategories(reconcileOutcomes(mergeFrames(doc, classified)), doc);
  return { doc, classified, groups, mentions: attachSites(doc, attachNamedPeople(doc, buildMentions(doc, groups))), warnings: [...doc.warnings, ...warnings] };
}
