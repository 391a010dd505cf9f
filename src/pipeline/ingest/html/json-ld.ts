/**
 * What a page's JSON-LD (`<script type="application/ld+json">`, schema.org vocabulary) says about
 * its article: the headline, datePublished, dateModified and publisher name. Pages nest the
 * article node in many ways — a top-level object, an array, an `@graph`, a WebPage's
 * `mainEntity` — so every object is visited, breadth first (the page's own article is the
 * shallowest), and the nodes typed as an article are read before a WebPage. A block that is not
 * valid JSON is ignored: broken JSON-LD is common, and the page has other sources for every field.
 */

/** schema.org types read as the page's article, in no particular order (document order decides). */
const ARTICLE_TYPES = new Set(['NewsArticle', 'Article', 'ReportageNews', 'BlogPosting']);
/** Read after the article types: a WebPage's dates are the page's, usually the article's too. */
const PAGE_TYPES = new Set(['WebPage']);

/** At most this many JSON values are visited per page, so a huge JSON-LD block costs bounded time. */
const MAX_VALUES_VISITED = 100_000;

type JsonObject = Record<string, unknown>;

function isObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The local name of a type: "NewsArticle", "schema:NewsArticle", "https://schema.org/NewsArticle" → "NewsArticle". */
function typeNames(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => /[^/:#]*$/.exec(x.trim())?.[0] ?? x);
}

export class JsonLd {
  /** Article nodes breadth first, then WebPage nodes. */
  private readonly nodes: JsonObject[];
  /** Nodes by `@id`, for a `"publisher": {"@id": "#org"}` that points elsewhere in the graph. */
  private readonly byId = new Map<string, JsonObject>();

  /** Reads the text of every JSON-LD script; blocks that fail to parse are skipped. */
  constructor(blocks: readonly string[]) {
    const articles: JsonObject[] = [];
    const pages: JsonObject[] = [];
    const queue: unknown[] = [];
    for (const block of blocks) {
      try {
        queue.push(JSON.parse(block));
      } catch {
        // Invalid JSON-LD is ignored by design (module comment): it never makes the page unreadable.
      }
    }
    const enqueue = (x: unknown): void => {
      if (typeof x === 'object' && x !== null && queue.length < MAX_VALUES_VISITED) queue.push(x);
    };
    for (let i = 0; i < queue.length; i++) {
      const value = queue[i];
      if (Array.isArray(value)) {
        for (const item of value) enqueue(item);
        continue;
      }
      if (!isObject(value)) continue;
      const types = typeNames(value);
      if (types.some((t) => ARTICLE_TYPES.has(t))) articles.push(value);
      else if (types.some((t) => PAGE_TYPES.has(t))) pages.push(value);
      const id = value['@id'];
      if (typeof id === 'string' && Object.keys(value).length > 1 && !this.byId.has(id)) this.byId.set(id, value);
      for (const child of Object.values(value)) enqueue(child);
    }
    this.nodes = [...articles, ...pages];
  }

  /** The string values of `property` on the article nodes, in order (strings, arrays of them, `{"@value": …}`). */
  strings(property: 'headline' | 'datePublished' | 'dateModified'): string[] {
    return this.nodes.flatMap((node) => stringsOf(node[property]));
  }

  /** The publisher names of the article nodes, in order, following `@id` references. */
  publisherNames(): string[] {
    const names: string[] = [];
    for (const node of this.nodes) {
      const publishers = Array.isArray(node.publisher) ? node.publisher : [node.publisher];
      for (let publisher of publishers) {
        if (!isObject(publisher)) continue;
        if (publisher.name === undefined && typeof publisher['@id'] === 'string') publisher = this.byId.get(publisher['@id']);
        if (isObject(publisher)) names.push(...stringsOf(publisher.name));
      }
    }
    return names;
  }
}

function stringsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of list) {
    const s = isObject(v) ? v['@value'] : v;
    if (typeof s === 'string' && s.trim() !== '') out.push(s.replace(/\s+/g, ' ').trim());
  }
  return out;
}
