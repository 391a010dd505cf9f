/**
 * The plain text of an HTML element tree, paragraph by paragraph: each block (p, h1–h6, li,
 * blockquote, a div holding text, …) and each <br> ends a paragraph, paragraphs are joined by a
 * blank line, and whitespace inside a paragraph is collapsed to single spaces (as a browser lays
 * out inline text). Script, style, noscript and template content is never text, nor are menus,
 * footers, sidebars and dialogs. Readability's own `textContent` is not used for this: it is the
 * DOM's, which runs paragraphs together.
 *
 * Walks are iterative (parent and sibling links, no recursion): a page nested 10,000 elements deep
 * must not exhaust the stack.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements that begin and end a paragraph (HTML's block-level flow content, plus table rows). */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);

/** Table cells: separated by a space, so "<td>3</td><td>killed</td>" does not read "3killed". */
const CELL_ELEMENTS = new Set(['td', 'th']);

/** Elements whose content is never article text: code, styling, fallbacks, embedded documents, controls. */
const NEVER_TEXT = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'embed', 'svg', 'math',
  'canvas', 'audio', 'video', 'select', 'textarea', 'button', 'title',
]);

/**
 * The page's furniture, never article text: menus, footers, sidebars, pop-ups (cookie banners are
 * usually dialogs or asides). Readability drops most of it, but not all: on a page with little
 * text it keeps what it finds, a cookie dialog included. <form> is not furniture: some sites wrap
 * the whole page in one (ASP.NET Web Forms); its controls are never text anyway.
 */
const PAGE_CHROME = new Set(['nav', 'footer', 'aside', 'dialog', 'menu']);
/** ARIA landmark roles of the same furniture (WAI-ARIA 1.2 §5.3.4). */
const CHROME_ROLES = new Set(['navigation', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'search']);
/**
 * The masthead: skipped when reading a whole page, kept in readability's output, where a <header>
 * is the article's own (its headline, byline and dateline).
 */
const MASTHEAD = 'header';
const MASTHEAD_ROLE = 'banner';

export interface PlainTextOptions {
  /** A whole page, read without readability: its <header> and role="banner" are the site's, skipped too. */
  wholePage: boolean;
}

function nameOf(el: Element): string {
  return el.localName.toLowerCase();
}

/** An inline style that hides the element, as readability's visibility check reads it. */
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

function isSkipped(el: Element, name: string, opts: PlainTextOptions): boolean {
  if (NEVER_TEXT.has(name) || PAGE_CHROME.has(name) || el.hasAttribute('hidden')) return true;
  if (HIDDEN_STYLE.test(el.getAttribute('style') ?? '')) return true;
  if (el.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true') return true;
  const role = el.getAttribute('role')?.trim().toLowerCase() ?? '';
  if (CHROME_ROLES.has(role)) return true;
  return opts.wholePage && (name === MASTHEAD || role === MASTHEAD_ROLE);
}

/** The paragraphs of `root`'s content, joined by "\n\n"; "" when it holds no text. */
export function plainTextOf(root: Element, opts: PlainTextOptions): string {
  const paragraphs: string[] = [];
  let line = '';
  const flush = (): void => {
    const p = line.replace(/\s+/g, ' ').trim();
    if (p !== '') paragraphs.push(p);
    line = '';
  };
  /** Called after an element's content (or for an element with none). */
  const leave = (name: string): void => {
    if (BLOCK_ELEMENTS.has(name)) flush();
    else if (CELL_ELEMENTS.has(name)) line += ' ';
  };

  let node: Node | null = root.firstChild;
  while (node !== null) {
    let descend = false;
    if (node.nodeType === TEXT_NODE) {
      line += (node as Text).data;
    } else if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      const name = nameOf(el);
      if (name === 'br') {
        flush();
      } else if (!isSkipped(el, name, opts)) {
        if (BLOCK_ELEMENTS.has(name)) flush();
        else if (CELL_ELEMENTS.has(name)) line += ' ';
        if (el.firstChild !== null) descend = true;
        else leave(name);
      }
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    // Next sibling, or climb out of every element that has been read to its end.
    while (node !== null && node !== root && node.nextSibling === null) {
      node = node.parentNode;
      if (node !== null && node !== root && node.nodeType === ELEMENT_NODE) leave(nameOf(node as Element));
    }
    node = node === null || node === root ? null : node.nextSibling;
  }
  flush();
  return paragraphs.join('\n\n');
}

/** The size of an element tree: how deep it goes (`root`'s children are at depth 1) and how many elements it holds. */
export interface TreeShape {
  depth: number;
  elements: number;
}

export function treeShape(root: Element): TreeShape {
  let deepest = 0;
  let elements = 0;
  let depth = 1;
  let node: Element | null = root.firstElementChild;
  while (node !== null) {
    elements++;
    if (depth > deepest) deepest = depth;
    if (node.firstElementChild !== null) {
      node = node.firstElementChild;
      depth++;
      continue;
    }
    while (node !== null && node !== root && node.nextElementSibling === null) {
      node = node.parentElement;
      depth--;
    }
    node = node === null || node === root ? null : node.nextElementSibling;
  }
  return { depth: deepest, elements };
}

/**
 * Removes from `root` every element whose content is never article text (scripts, hidden elements,
 * menus, footers, sidebars, dialogs), so that readability, which scores what is left, cannot choose
 * it. A header stays: readability tells an article's own header from the site's.
 */
export function removePageFurniture(root: Element): void {
  const options: PlainTextOptions = { wholePage: false };
  for (const el of [...root.querySelectorAll('*')]) {
    if (el.parentNode !== null && isSkipped(el, nameOf(el), options)) el.remove();
  }
}
