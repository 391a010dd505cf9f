/**
 * Content hash of a document version: decides whether re-ingesting a document id is 'unchanged'
 * or a new version. Both store backends use this one function, so a document moved between them
 * keeps its versions' identity.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../domain/types.ts';

/**
 * sha256 over the text AND every metadata field, in a fixed order with a format tag. Every field
 * reaches some output — published anchors relative dates, language picks the extractor, outlet
 * becomes claims' outlet and the CSV source, url and title are exported — so a corrected field
 * must produce a visible new version rather than be silently dropped; earlier versions stay
 * stored, and re-putting identical input writes nothing. The text is hashed byte-for-byte (no
 * whitespace normalisation): claim offsets index it.
 */
export function documentContentHash(article: Article): string {
  const canonical = JSON.stringify([
    'tally-document/1',
    article.text,
    article.published,
    article.url,
    article.outlet,
    article.title,
    article.language,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
