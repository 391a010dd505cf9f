import { generateCorpus } from './generate-corpus.ts';
import { embeddedGazetteer } from '../src/pipeline/geocode/embedded-gazetteer.ts';
import { Gazetteer } from '../src/pipeline/geocode/gazetteer.ts';
import { PlaceResolver } from '../src/pipeline/geocode/place-resolver.ts';
import { extractDocument } from '../src/pipeline/extract/extract-document.ts';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
const c = generateCorpus({ articles: 1000 });
const resolver = new PlaceResolver(new Gazetteer(embeddedGazetteer()));
let t0 = performance.now(); let m = 0, f = 0;
for (const a of c) { try { m += extractDocument(a.article, resolver).mentions.length; } catch (e) { f++; if (f < 4) console.log(a.article.id, (e as Error).message); } }
console.log('pipeline 1000', performance.now() - t0, m, f);
t0 = performance.now(); m = 0;
for (const a of c) { try { m += extractDocument(a.article, resolver).mentions.length; } catch (e) { } }
console.log('pipeline 1000 warm', performance.now() - t0, m);
for (const pipe of [undefined, []]) {
const nlp = pipe ? winkNLP(model, pipe) : winkNLP(model);
t0 = performance.now(); let tk = 0;
for (const a of c) tk += nlp.readDoc(a.article.text).tokens().out().length;
console.log('wink', pipe, performance.now() - t0, tk);
}
