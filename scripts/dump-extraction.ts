/**
 * Developer tool: runs extraction over JSON Lines files with the Syrian GeoNames dump (or the
 * embedded gazetteer) and writes every document's mentions and warnings as JSON Lines, so a
 * refactor can be checked byte for byte against the output of the commit before it.
 *   node --import tsx scripts/dump-extraction.ts OUT.jsonl [--gazetteer DIR] FILE.jsonl...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Gazetteer } from '../src/pipeline/geocode/gazetteer.ts';
import { readGeoNamesDir } from '../src/pipeline/geocode/geonames-reader.ts';
import { PlaceResolver } from '../src/pipeline/geocode/place-resolver.ts';
import { embeddedDefault } from '../src/services/gazetteer-service.ts';
import { extractDocument } from '../src/pipeline/extract/extract-document.ts';
import { parseArticle } from '../src/pipeline/ingest/parse-article.ts';

const args = process.argv.slice(2);
const out = args.shift()!;
let resolver: PlaceResolver;
const g = args.indexOf('--gazetteer');
if (g >= 0) {
  const dir = args.splice(g, 2)[1];
  resolver = new PlaceResolver(new Gazetteer(readGeoNamesDir(dir).entries));
} else resolver = embeddedDefault().resolver;
const lines: string[] = [];
for (const file of args) {
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const article = parseArticle(JSON.parse(line), `${file}:${i + 1}`);
    const r = extractDocument(article, resolver);
    lines.push(JSON.stringify({ id: article.id, ...r }));
  });
}
writeFileSync(out, lines.join('\n') + '\n');
process.stdout.write(`${lines.length} documents -> ${out}\n`);
