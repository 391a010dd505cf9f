/**
 * A time budget for extracting one document. The caller (an ingest batch that must not let one
 * enormous or pathological article hold up the rest) gives a deadline as a `performance.now()`
 * value; extraction checks it after every sentence it reads, between its passes, and after every
 * frame it merges, and throws an ExtractionBudgetError saying which document, which pass and how
 * far it got once the deadline has passed. A check is one clock read, so an unbounded run pays
 * nothing measurable for it.
 */

/** How far extraction of a document had got when a check was made. */
export interface ExtractionProgress {
  /** The pass running: 'document-geo', 'read-document', 'merge-frames', … (extract-document.ts). */
  pass: string;
  /** Sentences of the body that pass had finished, and how many there are (0 of 0 before reading). */
  sentencesDone: number;
  sentences: number;
  /** Offset in the normalised text up to which that pass had got. */
  offset: number;
  textLength: number;
}

/** Extraction of one document ran past its deadline (ExtractOptions.deadline). */
export class ExtractionBudgetError extends Error {
  override readonly name = 'ExtractionBudgetError';
  constructor(
    readonly documentId: string,
    readonly progress: ExtractionProgress,
    /** How far past the deadline the check was, in milliseconds. */
    readonly overByMs: number,
  ) {
    const p = progress;
    super(
      `extraction of document ${JSON.stringify(documentId)} ran ${overByMs.toFixed(0)} ms past its deadline in pass ${p.pass}, ` +
        `${p.sentencesDone} of ${p.sentences} sentences done (offset ${p.offset} of ${p.textLength} characters); ` +
        'give it a later deadline, or split the document',
    );
  }
}

/** The deadline of one document's extraction, and the clock it is read against. */
export class ExtractionBudget {
  constructor(
    readonly documentId: string,
    /** A value of `clock()` (by default `performance.now()`) after which extraction stops. */
    readonly deadline: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Throws ExtractionBudgetError when the deadline has passed. */
  check(progress: ExtractionProgress): void {
    const now = this.clock();
    if (now > this.deadline) throw new ExtractionBudgetError(this.documentId, progress, now - this.deadline);
  }
}
