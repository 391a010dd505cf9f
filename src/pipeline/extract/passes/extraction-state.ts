/**
 * The data the extraction passes hand to each other (docs/architecture.md). Every pass reads the
 * state before it and returns new values; none changes what it was given, so a pass can be read,
 * tested and reordered on its own, and every decision keeps the rule that made it.
 */
import type { Article, DateRange, MentionKind, Provenance, ResolvedPlace, StatedFigures, Tagged, Warning } from '../../../domain/types.ts';
import type { Frame, SentenceInfo } from '../frames.ts';
import type { DocumentGeo } from '../../../domain/place-lookup.ts';

/** Pass 1 (read-document): the document as sentences and the frames read from each. */
export interface DocumentReading {
  readonly article: Article;
  /** The normalised text; offsets are those of the original text. */
  readonly text: string;
  /** The day relative dates resolve against, and whether it was estimated from the text. */
  readonly published: string | null;
  readonly publishedEstimated: boolean;
  readonly sentences: readonly SentenceInfo[];
  /** Frames as read from their own sentence, before context is carried. */
  readonly frames: readonly Frame[];
  /** The claimant the outlet itself is (a monitor publishing its own figures), if any. */
  readonly outletClaimant: string | null;
  /** For each sentence, the claimants of the last sentence before it that named any. */
  readonly claimantsBefore: readonly (readonly Tagged<string>[])[];
  /** Where the document is: the country context places are resolved in, and its dateline city. */
  readonly geo: DocumentGeo;
  readonly warnings: readonly Warning[];
}

export type FrameDate = (DateRange & { prov: Provenance | null }) | null;

/** Pass 3 (place-frames): a frame with its places resolved and its date fixed. */
export interface PlacedFrame {
  readonly frame: Frame;
  readonly date: FrameDate;
  /** Every place the frame names, resolved (localities and admin areas). */
  readonly resolved: readonly ResolvedPlace[];
  /** The localities among them (what makes a figure an incident at a place). */
  readonly localities: readonly ResolvedPlace[];
  readonly admin1: string | null;
}

/** Pass 4 (classify-frames): incident, tally or background, with the rule that decided it. */
export interface ClassifiedFrame extends PlacedFrame {
  readonly kind: MentionKind;
  readonly kindRule: string;
}

/**
 * Pass 5 (merge-frames): the frames of one event inside the article. `frame` is the merged view
 * (the lead frame with the figures, actors and targets the others added); `frames[0]` is the lead
 * frame as read, the others follow in the order they joined.
 */
export interface FrameGroup extends ClassifiedFrame {
  readonly frames: readonly Frame[];
  /** Other figures the article gives for the same event (another source, an updated toll). */
  readonly statements: readonly StatedFigures[];
}
