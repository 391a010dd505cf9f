/**
 * Parses a decoded page with linkedom into a DOM Document shaped as a browser would shape it, for
 * the cases linkedom leaves differently. linkedom is not an HTML5 tree builder: a page without an
 * <html> tag becomes a document whose root is its first element (or none at all), and content
 * outside <body> ("<html><head>…</head><p>…</p></html>", common in saved and hand-made pages)
 * stays beside the body, where readability never looks. Both are put right here, once.
 */
import { parseHTML } from 'linkedom';

const HTML_TAG = /<html[\s>]/i;

export function parsePage(html: string): Document {
  let { document } = parseHTML(HTML_TAG.test(html) ? html : `<html>${html}</html>`);
  // An <html> tag linkedom did not take as the root (inside a comment left open, after stray
  // markup) leaves a document without one, whose head and body getters throw: wrap it again.
  if (document.documentElement === null) ({ document } = parseHTML(`<html>${html}</html>`));
  const root = document.documentElement;
  if (root === null) return document;
  const body = document.body;
  if (body !== null && body.parentNode === root) {
    // Children of <html> other than <head> and <body> belong in the body, in page order.
    const anchor = body.firstChild;
    let beforeBody = true;
    for (const child of [...root.childNodes]) {
      if (child === body) {
        beforeBody = false;
        continue;
      }
      if (child === document.head) continue;
      if (beforeBody) body.insertBefore(child, anchor);
      else body.appendChild(child);
    }
  }
  return document;
}
