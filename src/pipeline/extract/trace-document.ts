/**
 * What extraction did with one document, for explaining an evaluation miss: the mentions it made
 * (exactly those `extractDocument` stores) and every classified frame with what became of it — the
 * lead of a mention, joined to one, another statement of its toll, or dropped (background, an event
 * named with neither figure nor town, a count reconcile-outcomes found to be one already counted).
 * Background frames never reach the store, so this re-runs the passes; it decides nothing new.
 */
import type { Article, CountSet, Mention, MentionKind, ResolvedPlace, Span, Warning } from '../../domain/types.ts';
import type { PlaceResolving } from '../../domain/place-lookup.ts';
import type { FrameDate } from './passes/extraction-state.ts';
import { runPasses, type ReadingOutputs } from './extract-document.ts';
import { droppedGroup } from './passes/build-mentions.ts';
import { quoteSpan } from './passes/quote-span.ts';

/** What became of a frame. */
export type FrameFate =
  | { to: 'mention'; mentionId: string; as: 'lead' | 'joined' | 'statement' }
  | { to: 'dropped'; because: 'background' | 'no-figures-no-locality' | 'counted-elsewhere' };

export interface TracedFrame {
  /** The clause, in the document's original text. */
  span: Span;
  quote: string;
  /** 'figures': the clause states a count; 'event': it names a strike on a place. */
  reads: 'figures' | 'event';
  kind: MentionKind;
  kindRule: string;
  killed: CountSet;
  injured: CountSet;
  date: FrameDate;
  places: ResolvedPlace[];
  fate: FrameFate;
  /** `title`: a frame of the headline, read because the body told no incident; `span` is in the title. */
  quoteIn?: 'title';
}

export interface ExtractionTrace {
  docId: string;
  published: string | null;
  mentions: Mention[];
  frames: TracedFrame[];
  warnings: Warning[];
}

const frameKey = (f: { sentence: number; start: number; end: number }) => `${f.sentence}:${f.start}:${f.end}`;

export function traceDocument(article: Article, resolver: PlaceResolving): ExtractionTrace {
  const run = runPasses(article, resolver);
  const frames = traceFrames(run, run.mentions, article.text);
  // The headline's frames when the title was read (decision 0020): spans in the title.
  if (run.headline && article.title !== null) {
    const h = run.headline;
    // Of the headline's groups that became mentions, the incidents are taken, in order (runPasses).
    let taken = 0;
    const kept = h.groups.filter((g) => droppedGroup(g) === null).map((g) => (g.kind === 'incident' ? h.mentions[taken++] : undefined));
    frames.push(...traceFrames(h, kept, article.title).map((f) => ({ ...f, quoteIn: 'title' as const })));
  }
  return { docId: article.id, published: run.doc.published, mentions: run.mentions, frames, warnings: run.warnings };
}

/**
 * The frames of one reading with their fates; `mentions[i]` is the mention the i-th kept group
 * became (undefined: the group made none, as a headline's tally).
 */
function traceFrames(run: Pick<ReadingOutputs, 'classified' | 'groups'>, mentions: readonly (Mention | undefined)[], text: string): TracedFrame[] {
  const { classified, groups } = run;
  // buildMentions numbers the groups it keeps in order (displacement tallies come after them).
  const fates = new Map<string, FrameFate>();
  let index = 0;
  for (const g of groups) {
    const dropped = droppedGroup(g);
    const mentionId = dropped === null ? (mentions[index++]?.id ?? null) : null;
    const statements = new Set(g.statements.map((s) => `${s.span.start}:${s.span.end}`));
    g.frames.forEach((f, i) => {
      if (fates.has(frameKey(f))) return;
      if (mentionId === null) return fates.set(frameKey(f), { to: 'dropped', because: dropped ?? 'background' });
      const span = quoteSpan(text, f);
      const as = i === 0 ? 'lead' : statements.has(`${span.start}:${span.end}`) ? 'statement' : 'joined';
      fates.set(frameKey(f), { to: 'mention', mentionId, as });
    });
  }
  return classified.map((c): TracedFrame => {
    const span = quoteSpan(text, c.frame);
    return {
      span,
      quote: text.slice(span.start, span.end),
      reads: c.frame.kind,
      kind: c.kind,
      kindRule: c.kindRule,
      killed: c.frame.killed,
      injured: c.frame.injured,
      date: c.date,
      places: [...c.resolved],
      fate: fates.get(frameKey(c.frame)) ?? { to: 'dropped', because: 'counted-elsewhere' },
    };
  });
}
