/**
 * `npm run bench -- long-documents`: extraction time against a document's length (issue 13: one
 * casualty sentence repeated through a long article once grew as size^2.2–2.6, 130 s at 1.6 MB).
 * The same sentence repeated to each size in `--long-sizes` (KB), timed once each after a warm-up;
 * the growth factor per doubling is printed: about 2 is linear. A speed target is a benchmark's
 * to measure (never a timed test): test/extract/extraction-scaling.test.ts checks what the long
 * document yields, this suite how long it takes.
 */
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import type { Article } from '../../src/domain/types.ts';
import { BenchOptionError, type Suite, type SuiteContext, type SuiteOutcome } from '../suite.ts';
import { peakRssBytes, formatBytes } from '../measure.ts';

export const REPEATED_SENTENCE = 'Shelling killed four people in the village on Sunday, a monitor said.';

export function repeatedArticle(chars: number): Article {
  return {
    id: `repeated-${chars}`,
    text: Array(Math.ceil(chars / (REPEATED_SENTENCE.length + 1))).fill(REPEATED_SENTENCE).join(' '),
    published: '2024-03-05',
    url: null,
    outlet: null,
    title: null,
    language: 'en',
  };
}

async function run({ options, log }: SuiteContext): Promise<SuiteOutcome> {
  const raw = options.get('long-sizes') ?? '';
  const sizes = raw.split(',').map((s) => Number(s.trim()));
  if (sizes.length === 0 || sizes.some((s) => !Number.isInteger(s) || s < 1 || s > 20_000)) {
    throw new BenchOptionError(`--long-sizes: expected whole numbers of KB from 1 to 20000, comma-separated, got "${raw}"`, 'long-sizes', raw);
  }
  const resolver = embeddedDefault().resolver;
  extractDocument(repeatedArticle(50_000), resolver); // warm-up: JIT and caches
  const rows: { kb: number; seconds: number; mentions: number }[] = [];
  for (const kb of sizes) {
    log(`long-documents: ${kb} KB`);
    const start = performance.now();
    const { mentions } = extractDocument(repeatedArticle(kb * 1000), resolver);
    rows.push({ kb, seconds: (performance.now() - start) / 1000, mentions: mentions.length });
  }
  const growth = rows.map((r, i) => (i === 0 ? null : Math.log(r.seconds / rows[i - 1].seconds) / Math.log(r.kb / rows[i - 1].kb)));
  return {
    parameters: { sizesKb: sizes },
    summary: [
      ['document', `"${REPEATED_SENTENCE}" repeated to each size`],
      ['peak RSS', formatBytes(peakRssBytes())],
    ],
    table: {
      columns: ['size', 'seconds', 'mentions', 'growth exponent'],
      rows: rows.map((r, i) => [`${r.kb} KB`, r.seconds.toFixed(2), String(r.mentions), growth[i] === null ? '' : growth[i]!.toFixed(2)]),
    },
    results: { rows, growthExponents: growth, peakRssBytes: peakRssBytes() },
    notes: ['growth exponent: log(time ratio) / log(size ratio) between consecutive sizes; 1 is linear, 2 quadratic'],
  };
}

export const longDocumentsSuite: Suite = {
  name: 'long-documents',
  description: 'extraction time of one casualty sentence repeated through ever longer documents, and its growth with length',
  options: [{ name: 'long-sizes', valueName: 'kb,kb,…', description: 'document sizes in KB', defaultValue: '200,400,800,1600' }],
  run,
};
