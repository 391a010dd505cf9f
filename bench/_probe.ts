import { generateCorpus } from './generate-corpus.ts';
const t0 = Date.now();
const c = generateCorpus({ articles: 10000 });
console.log('gen ms', Date.now() - t0);
const w = c.map(a => a.words);
console.log('min', Math.min(...w), 'max', Math.max(...w), 'mean', w.reduce((a,b)=>a+b,0)/w.length);
const byStyle: Record<string, number> = {}; for (const a of c) byStyle[a.style] = (byStyle[a.style] ?? 0) + 1; console.log(byStyle);
for (const i of [0, 1, 2, 5]) { console.log('-----', c[i].style, c[i].article.id, c[i].article.outlet, c[i].article.published, c[i].article.url); console.log(c[i].article.text); console.log(JSON.stringify(c[i].statements.map(s => [s.templateId, s.figures.map(f => f.text + ':' + f.category), s.place?.name, s.eventDate]))); }
for (const a of c) for (const s of a.statements) if (a.article.text.slice(s.start, s.end) !== s.sentence) throw new Error('offset');
