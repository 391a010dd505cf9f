/**
 * Extraction throughput: how many articles and words per second extractDocument reads, over a
 * synthetic corpus (bench/generate-corpus.ts; 10,000 articles by default) with the embedded
 * gazetteer's resolver built once, and — in the same run, over the same texts — how that compares
 * with wink-nlp's tokeniser alone (empty pipe), wink-nlp's default readDoc pipe, and bare regex
 * word splits, each as a ratio to the pipeline's time. Every pass first runs untimed over the
 * first few hundred articles (warm-up: JIT, caches), then once, timed, over the whole corpus.
 * An article extraction throws on is counted and reported, not fatal: the pipeline is tuned in
 * parallel and a benchmark that dies on one article measures nothing.
 */
import type { Mention } from '../../src/domain/types.ts';
import { embeddedGazetteer } from '../../src/pipeline/geocode/embedded-gazetteer.ts';
import { Gazetteer } from '../../src/pipeline/geocode/gazetteer.ts';
import { PlaceResolver } from '../../src/pipeline/geocode/place-resolver.ts';
import { DEFAULT_ARTICLE_COUNT, DEFAULT_SEED, generateCorpus, type SyntheticArticle } from '../generate-corpus.ts';
import { describeRatio, elapsedNs, formatBytes, formatCount, formatSeconds, nsToSeconds, peakRssBytes, perSecond, speedRatio, timePass } from '../measure.ts';
import { integerOption, type JsonValue, type Suite, type SuiteContext, type SuiteOutcome } from '../suite.ts';

const DEFAULT_WARMUP = 300;
/** Failures listed one by one in the notes; the rest are only counted. */
const LISTED_FAILURES = 10;

interface PassResult {
  name: string;
  ns: bigint;
  /** What the pass produced (mentions, tokens, words) and its unit. */
  output: number;
  unit: string;
}

/** Whether extraction read back the first killed figure of each incident sentence the generator wrote. */
function readBack(item: SyntheticArticle, mentions: readonly Mention[]): { stated: number; found: number } {
  let stated = 0;
  let found = 0;
  for (const s of item.statements) {
    if (s.kind !== 'incident') continue;
    const figure = s.figures.find((f) => f.outcome === 'killed');
    if (!figure) continue;
    stated++;
    if (mentions.some((m) => Object.values(m.killed).some((c) => c?.value === figure.value))) found++;
  }
  return { stated, found };
}

async function run(context: SuiteContext): Promise<SuiteOutcome> {
  const articleCount = integerOption(context.options, 'articles', 1, 10_000_000);
  const seed = integerOption(context.options, 'seed', 0, 0xffffffff);
  const warmupCount = Math.min(integerOption(context.options, 'warmup', 0, 1_000_000), articleCount);

  // Imported here, not at the top: a broken extraction module (or a missing wink model) fails
  // this suite only, not the runner and the other suites.
  const { extractDocument } = await import('../../src/pipeline/extract/extract-document.ts');
  const winkNLP = (await import('wink-nlp')).default;
  const model = (await import('wink-eng-lite-web-model')).default;

  context.log(`extraction: generating ${formatCount(articleCount)} articles with seed ${seed}`);
  let start = process.hrtime.bigint();
  const corpus = generateCorpus({ articles: articleCount, seed });
  const generateNs = elapsedNs(start);
  const texts = corpus.map((c) => c.article.text);
  const totalWords = corpus.reduce((a, c) => a + c.words, 0);
  const styles: Record<string, number> = {};
  for (const c of corpus) styles[c.style] = (styles[c.style] ?? 0) + 1;

  start = process.hrtime.bigint();
  const entries = embeddedGazetteer();
  const resolver = new PlaceResolver(new Gazetteer(entries));
  const resolverNs = elapsedNs(start);
  const tokeniser = winkNLP(model, []);
  const winkDefault = winkNLP(model);

  // Warm-up, untimed; extraction's results on it are checked against what the generator wrote.
  context.log(`extraction: warm-up over ${warmupCount} articles`);
  const warm = corpus.slice(0, warmupCount);
  const agreement = { stated: 0, found: 0 };
  for (const item of warm) {
    try {
      const r = readBack(item, extractDocument(item.article, resolver).mentions);
      agreement.stated += r.stated;
      agreement.found += r.found;
    } catch {
      // Counted in the timed pass below.
    }
    tokeniser.readDoc(item.article.text).tokens().out();
    winkDefault.readDoc(item.article.text).tokens().out();
    item.article.text.split(/\s+/);
    item.article.text.match(/\w+/g);
  }
  const rssBeforeTimed = process.memoryUsage().rss;

  context.log(`extraction: timing extractDocument over ${formatCount(articleCount)} articles`);
  let mentionCount = 0;
  let warningCount = 0;
  const kinds: Record<string, number> = {};
  let failureCount = 0;
  const failures: { id: string; error: string }[] = [];
  const pipelineNs = timePass(corpus, (item) => {
    try {
      const r = extractDocument(item.article, resolver);
      mentionCount += r.mentions.length;
      warningCount += r.warnings.length;
      for (const m of r.mentions) kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
    } catch (e) {
      failureCount++;
      if (failures.length < LISTED_FAILURES) failures.push({ id: item.article.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  });
  const peakRssAfterPipeline = peakRssBytes();

  context.log('extraction: timing wink-nlp and regex passes over the same texts');
  const textPass = (name: string, unit: string, count: (text: string) => number): PassResult => {
    let output = 0;
    const ns = timePass(texts, (t) => {
      output += count(t);
    });
    return { name, ns, output, unit };
  };
  const passes: PassResult[] = [
    { name: 'pipeline: extractDocument', ns: pipelineNs, output: mentionCount, unit: 'mentions' },
    textPass('wink-nlp tokeniser alone (empty pipe)', 'tokens', (t) => tokeniser.readDoc(t).tokens().out().length),
    textPass('wink-nlp readDoc, default pipe', 'tokens', (t) => winkDefault.readDoc(t).tokens().out().length),
    textPass('regex text.split(/\\s+/)', 'words', (t) => t.split(/\s+/).length),
    textPass('regex text.match(/\\w+/g)', 'words', (t) => t.match(/\w+/g)?.length ?? 0),
  ];
  const peakRss = peakRssBytes();

  const rows = passes.map((p, i) => [
    p.name,
    formatSeconds(p.ns),
    formatCount(perSecond(articleCount, p.ns)),
    formatCount(perSecond(totalWords, p.ns)),
    `${formatCount(p.output)} ${p.unit}`,
    i === 0 ? '—' : describeRatio(speedRatio(pipelineNs, p.ns), 'pipeline'),
  ]);

  const notes: string[] = [];
  if (failureCount > 0) {
    notes.push(`extractDocument threw on ${failureCount} of ${articleCount} articles (their time is included; regenerate with --articles ${articleCount} --seed ${seed}):`);
    for (const f of failures) notes.push(`  ${f.id}: ${f.error}`);
  }
  if (agreement.stated > agreement.found) {
    notes.push(`no mention carries the stated killed figure of ${agreement.stated - agreement.found} of ${agreement.stated} incident sentences in the warm-up articles`);
  }

  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
  return {
    parameters: { articles: articleCount, seed, warmup: warmupCount },
    summary: [
      ['corpus', `${formatCount(articleCount)} synthetic articles, seed ${seed} (bench/generate-corpus.ts), generated in ${formatSeconds(generateNs)}`],
      ['words', `${formatCount(totalWords)} (mean ${(totalWords / articleCount).toFixed(0)} per article; words = runs of non-space)`],
      ['styles', Object.entries(styles).map(([k, v]) => `${k} ${v}`).join(', ')],
      ['gazetteer', `embedded, ${formatCount(entries.length)} entries; gazetteer and resolver built in ${formatSeconds(resolverNs)}`],
      ['warm-up', `${warmupCount} articles through every pass, untimed`],
      ['mentions', `${formatCount(mentionCount)} (${Object.entries(kinds).map(([k, v]) => `${k} ${formatCount(v)}`).join(', ')}); ${formatCount(warningCount)} warnings`],
      ['failures', `${failureCount} of ${formatCount(articleCount)} articles threw`],
      ['figures read back', `${agreement.found} of ${agreement.stated} incident sentences of the warm-up articles have their killed figure in some mention of their article (${pct(agreement.found, agreement.stated)})`],
      ['memory', `peak RSS ${formatBytes(peakRssAfterPipeline)} after the pipeline pass (RSS ${formatBytes(rssBeforeTimed)} before it, corpus and gazetteer loaded); ${formatBytes(peakRss)} after the wink passes`],
    ],
    table: { columns: ['pass', 'time', 'articles/s', 'words/s', 'output', 'vs pipeline'], rows },
    results: {
      corpus: { articles: articleCount, seed, words: totalWords, generateSeconds: nsToSeconds(generateNs), styles },
      resolverBuildSeconds: nsToSeconds(resolverNs),
      gazetteerEntries: entries.length,
      passes: passes.map(
        (p): JsonValue => ({
          name: p.name,
          seconds: nsToSeconds(p.ns),
          articlesPerSecond: perSecond(articleCount, p.ns),
          wordsPerSecond: perSecond(totalWords, p.ns),
          output: p.output,
          unit: p.unit,
          speedRatioToPipeline: speedRatio(pipelineNs, p.ns),
        }),
      ),
      mentions: { total: mentionCount, ...kinds },
      warnings: warningCount,
      failures: { count: failureCount, first: failures },
      figuresReadBack: agreement,
      memory: { rssBeforeTimedBytes: rssBeforeTimed, peakRssAfterPipelineBytes: peakRssAfterPipeline, peakRssBytes: peakRss },
    },
    notes,
  };
}

export const extractionSuite: Suite = {
  name: 'extraction',
  description: 'extractDocument throughput on a synthetic corpus, against wink-nlp tokenisation and regex word splits of the same texts',
  options: [
    { name: 'articles', valueName: 'n', description: 'articles in the synthetic corpus', defaultValue: String(DEFAULT_ARTICLE_COUNT) },
    { name: 'seed', valueName: 'n', description: 'seed of the corpus generator', defaultValue: String(DEFAULT_SEED) },
    { name: 'warmup', valueName: 'n', description: 'articles run through every pass untimed before timing', defaultValue: String(DEFAULT_WARMUP) },
  ],
  run,
};
