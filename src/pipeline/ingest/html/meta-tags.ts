/**
 * The page's `<meta>` tags, indexed once: what `<meta property="og:title" content="…">`,
 * `<meta name="pubdate" content="…">`, `<meta itemprop="datePublished" content="…">` or
 * `<meta http-equiv="content-language" content="…">` say. Names are matched without regard to
 * case (pages write "DC.date.issued" and "dc.date.issued"); values are kept in page order, empty
 * ones dropped.
 */

export type MetaAttribute = 'property' | 'name' | 'itemprop' | 'http-equiv';
const META_ATTRIBUTES: readonly MetaAttribute[] = ['property', 'name', 'itemprop', 'http-equiv'];

/** A meta tag's content with the words that find it in the page: `meta[name="pubdate"]`. */
export interface MetaValue {
  content: string;
  where: string;
}

export class MetaTags {
  private readonly byKey = new Map<string, string[]>();

  constructor(document: Document) {
    for (const meta of document.querySelectorAll('meta')) {
      const content = meta.getAttribute('content');
      if (content === null || content.trim() === '') continue;
      for (const attr of META_ATTRIBUTES) {
        const name = meta.getAttribute(attr);
        if (name === null || name.trim() === '') continue;
        const key = `${attr}=${name.trim().toLowerCase()}`;
        const list = this.byKey.get(key);
        if (list) list.push(content.trim());
        else this.byKey.set(key, [content.trim()]);
      }
    }
  }

  /** Every `<meta {attr}="{name}">` content, in page order, each with its place written out. */
  values(attr: MetaAttribute, name: string): MetaValue[] {
    const where = `meta[${attr}="${name}"]`;
    return (this.byKey.get(`${attr}=${name.toLowerCase()}`) ?? []).map((content) => ({ content, where }));
  }

  /**
   * An Open Graph property (`og:title`): written `property=` by the protocol (ogp.me), `name=` by
   * many pages; the first value either way, whitespace collapsed, or null.
   */
  openGraph(name: string): string | null {
    const value = this.values('property', name)[0] ?? this.values('name', name)[0];
    return value === undefined ? null : value.content.replace(/\s+/g, ' ');
  }
}
