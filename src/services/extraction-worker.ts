/**
 * Extraction off the event loop, with a time and a memory budget per document (issue 13). A
 * worker thread (./extraction-thread.ts) holds its own place resolver and extracts one document at
 * a time; the caller awaits the answer while its event loop goes on serving. A document that runs
 * past the time budget has its thread terminated; one that needs more memory than the budget
 * (V8's resourceLimits on the thread's heap) kills its thread — either way the document is
 * rejected with what happened, and the next document gets a fresh thread. Used by the HTTP API's
 * POST /documents, so that no posted document blocks the server's other requests.
 *
 * The thread is started on first use and builds its resolver once (the embedded gazetteer takes
 * about a second); `close()` ends it.
 */
import { Worker } from 'node:worker_threads';
import type { Article, Mention, Warning } from '../domain/types.ts';
import type { ExtractResult } from '../pipeline/extract/extract-document.ts';

/**
 * Where the thread's places come from: the embedded gazetteer, or as `tally serve` resolves them
 * for the store at `location` (a GeoNames folder when given, else the store's gazetteer, else the
 * embedded one: gazetteer-service.ts's resolverFor).
 */
export type GazetteerSpec = { kind: 'embedded' } | { kind: 'store'; location: string; gazetteerDir: string | null };

/** What the HTTP API's posted documents get: a minute is far beyond any real report. */
export const API_MEMORY_BUDGET_MB = 1024;

export interface ExtractionThreadRequest {
  id: number;
  article: Article;
}

export type ExtractionThreadReply =
  | { id: number; ok: true; mentions: Mention[]; warnings: Warning[] }
  | { id: number; ok: false; name: string; message: string };

/** A document that went over its time or memory budget (any other failure is a plain Error: an extractor bug). */
export class DocumentBudgetError extends Error {
  override readonly name = 'DocumentBudgetError';
  constructor(
    readonly documentId: string,
    readonly budget: 'time' | 'memory',
    message: string,
  ) {
    super(message);
  }
}

export interface ExtractionWorkerOptions {
  gazetteer: GazetteerSpec;
  /** Longest extraction of one document, ms. */
  timeBudgetMs: number;
  /** Largest heap of the thread, MB (V8 old generation); a document needing more is rejected. */
  memoryBudgetMb: number;
  /** Longest wait for the thread's resolver before the first document (default 120 s). */
  startBudgetMs?: number;
}

const THREAD_URL = new URL(`./extraction-thread.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

export class ExtractionWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  /** One document at a time: each call waits for the one before. */
  private queue: Promise<unknown> = Promise.resolve();
  private started = false;

  constructor(private readonly options: ExtractionWorkerOptions) {}

  /** Extracts `article` in the thread; rejects with DocumentBudgetError when a budget is exceeded. */
  extract(article: Article): Promise<ExtractResult> {
    const run = this.queue.then(() => this.extractNow(article));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const options = { workerData: { gazetteer: this.options.gazetteer }, resourceLimits: { maxOldGenerationSizeMb: this.options.memoryBudgetMb } };
    // Run from the sources (tests, a development checkout), the thread registers the TypeScript
    // loader before it loads its module, as bin/entry.js does for the process.
    this.worker = THREAD_URL.pathname.endsWith('.ts')
      ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(THREAD_URL.href)}); });`, { ...options, eval: true })
      : new Worker(THREAD_URL, options);
    this.worker.unref();
    this.started = false;
    return this.worker;
  }

  private extractNow(article: Article): Promise<ExtractResult> {
    const worker = this.thread();
    const id = this.nextId++;
    // The first document also waits for the resolver the thread builds.
    const budget = this.options.timeBudgetMs + (this.started ? 0 : (this.options.startBudgetMs ?? 120_000));
    return new Promise<ExtractResult>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const discard = () => {
        if (this.worker === worker) this.worker = null;
        void worker.terminate();
      };
      const onMessage = (reply: ExtractionThreadReply) => {
        if (reply.id !== id) return;
        finish();
        this.started = true;
        if (reply.ok) resolve({ mentions: reply.mentions, warnings: reply.warnings });
        else reject(new Error(`${reply.name}: ${reply.message}`));
      };
      const onError = (e: Error) => {
        finish();
        discard();
        const memory = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        reject(
          memory
            ? new DocumentBudgetError(article.id, 'memory', `extraction of document ${JSON.stringify(article.id)} needed more than its memory budget of ${this.options.memoryBudgetMb} MB; split the document`)
            : new Error(`the extraction thread failed: ${e.message}`),
        );
      };
      const onExit = (code: number) => {
        finish();
        discard();
        reject(new Error(`the extraction thread ended (code ${code})`));
      };
      const timer = setTimeout(() => {
        finish();
        discard();
        reject(new DocumentBudgetError(article.id, 'time', `extraction of document ${JSON.stringify(article.id)} took longer than its budget of ${(this.options.timeBudgetMs / 1000).toFixed(1)} s; it was stopped (split the document, or ingest it from the command line with a larger --document-budget)`));
      }, budget);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, article } satisfies ExtractionThreadRequest);
    });
  }
}
