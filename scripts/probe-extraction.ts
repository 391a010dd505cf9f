/**
 * Developer tool: extracts one text (argument or stdin) with the embedded gazetteer and prints each
 * mention's kind, rule, figures, date and places — for trying a rule on sentences you write.
 *   node --import tsx scripts/probe-extraction.ts "A man was shot and killed on Main Street." [--published 2020-05-04]
 */
import { readFileSync } from 'node:fs';
import { embeddedDefault } from '../src/services/gazetteer-service.ts';
import { extractDocument } from '../src/pipeline/extract/extract-document.ts';
import type { CountSet } from '../src/domain/types.ts';

const args = process.argv.slice(2);
const p = args.indexOf('--published');
const published = p >= 0 ? args.splice(p, 2)[1] : null;
const text = args.length ? args.join(' ') : readFileSync(0, 'utf8');
const counts = (c: CountSet) => Object.entries(c).map(([k, v]) => `${k}=${v!.value}`).join(',') || '-';
const r = extractDocument({ id: 'probe', text, published, url: null, outlet: null, title: null, language: null }, embeddedDefault().resolver);
for (const m of r.mentions) {
  const where = m.resolvedPlaces.map((x) => `${x.name}[${x.precision}${x.admin1 ? ' ' + x.admin1 : ''}]`).join('; ');
  process.stdout.write(`${m.kind} (${m.classification?.rule}) killed{${counts(m.killed)}} injured{${counts(m.injured)}} date=${m.date ? `${m.date.start}/${m.date.precision}` : 'none'} at ${where || '-'}\n  "${m.quote}"\n`);
  for (const st of m.statements ?? []) process.stdout.write(`  + statement killed{${Object.entries(st.killed).map(([k, v]) => `${k}=${v!.value}`).join(',')}} injured{${Object.entries(st.injured).map(([k, v]) => `${k}=${v!.value}`).join(',')}}: "${st.quote}"\n`);
}
for (const w of r.warnings) process.stdout.write(`  warning ${w.code}: ${w.message}\n`);
