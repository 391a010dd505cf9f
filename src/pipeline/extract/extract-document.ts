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
import { ExtractionBudget } from './extraction-budget.ts';

export { publishedFromUrl } from './passes/publication-day.ts';
export { ExtractionBudgetError, type ExtractionProgress } from './extraction-budget.ts';

export interface ExtractResult {
  mentions: Mention[];
  warnings: Warning[];
}

export interface ExtractOptions {
  /**
   * A `performance.now()` value (or of `clock`) after which extraction stops with an
   * ExtractionBudgetError naming the document and how far it got; checked after every sentence
   * read, between passes and after every frame merged. Absent: no limit.
   */
  deadline?: number;
  /** The clock the deadline is read against (default `performance.now`); tests pass their own. */
  clock?: () => number;
}

export function extractDocument(article: Article, resolver: PlaceResolving, options: ExtractOptions = {}): ExtractResult {
  const { mentions, warnings } = runPasses(article, resolver, options);
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

export function runPasses(article: Article, resolver: PlaceResolving, options: ExtractOptions = {}): PassOutputs {
  const budget = options.deadline === undefined ? null : new ExtractionBudget(article.id, options.deadline, options.clock);
  // Where the document is (dateline, states and countries it names, its URL): places are read and
  // resolved in that context, so a town is looked for in the document's country first.
  const geo = resolver.documentGeo({ text: article.text, title: article.title, url: article.url });
  budget?.check({ pass: 'document-geo', sentencesDone: 0, sentences: 0, offset: 0, textLength: article.text.length });
  const local = resolver.inContext(geo.context);
  const body = runReading(readDocument(article, local, geo, budget), local, budget);
  if (body.mentions.some((m) => m.kind === 'incident')) return { ...body, headline: null };
  const read = readHeadline(article, local, body.doc);
  if (!read) return { ...body, headline: null };
  const run = runReading(read.reading, local, budget);
  // Only incidents are taken from the headline (rule headline.body-silent): a tally's quote stays in the text.
  const taken = run.mentions
    .filter((m) => m.kind === 'incident')
    .map((m, i): Mention => ({ ...m, id: `${article.id}#${body.mentions.length + i}`, quoteIn: 'title', headlineRules: [BODY_SILENT, ...read.decisions] }));
  const headline = { ...run, mentions: taken, decisions: read.decisions };
  return { ...body, mentions: [...body.mentions, ...taken], warnings: [...body.warnings, ...(taken.length ? run.warnings : [])], headline };
}

/** The decision to read the title at all: the body told no incident. */
const BODY_SILENT: Provenance = { rule: 'headline.body-silent', span: { start: 0, end: 0 }, text: '' };

function runReading(doc: DocumentReading, local: PlaceResolving, budget: ExtractionBudget | null = null): ReadingOutputs {
  // Between passes every sentence has been read: the check says which pass ran out of time.
  const passed = (pass: string) => budget?.check({ pass, sentencesDone: doc.sentences.length, sentences: doc.sentences.length, offset: doc.text.length, textLength: doc.text.length });
  const frames = carryContext(doc, local);
  passed('carry-context');
  const { placed, warnings } = placeFrames(doc, frames, local);
  passed('place-frames');
  const classified = placeInDocumentTown(doc, classifyFrames(doc, placed), local);
  passed('classify-frames');
  const merged = mergeFrames(doc, classified, budget);
  const groups = completeCategories(reconcileOutcomes(merged), doc);
  passed('reconcile-outcomes');
  const mentions = attachSites(doc, attachNamedPeople(doc, buildMentions(doc, groups)));
  passed('build-mentions');
  return { doc, classified, groups, mentions, warnings: [...doc.warnings, ...warnings] };
}
