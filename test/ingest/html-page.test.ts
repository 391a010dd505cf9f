import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Article } from '../../src/domain/types.ts';
import { MAX_READABILITY_DEPTH, MAX_READABILITY_ELEMENTS, cutSiteName, primaryLanguage, readHtmlPage } from '../../src/pipeline/ingest/html-page.ts';
import { InputError } from '../../src/pipeline/ingest/input-error.ts';
import {
  charsetOfContentType,
  chooseCharset,
  decodePage,
  prescanMetaCharset,
} from '../../src/pipeline/ingest/html/decode-page.ts';
import { DATELINE_RULES, datelineOf, dayOfDateline } from '../../src/pipeline/ingest/html/dateline.ts';
import { JsonLd } from '../../src/pipeline/ingest/html/json-ld.ts';
import { MetaTags } from '../../src/pipeline/ingest/html/meta-tags.ts';
import { pageDayOf } from '../../src/pipeline/ingest/html/page-date.ts';
import { parsePage } from '../../src/pipeline/ingest/html/page-document.ts';
import { plainTextOf, treeShape } from '../../src/pipeline/ingest/html/page-text.ts';

/** Asserts that `fn` throws an InputError with this source and field, whose detail matches. */
function assertInputError(fn: () => unknown, source: string, field: string | null, detail: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected an InputError, got ${String(e)}`);
    assert.equal(e.source, source);
    assert.equal(e.field, field);
    assert.match(e.detail, detail);
    assert.equal(e.message, `${source}: ${e.detail}`);
    return true;
  });
}

const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');

describe('decoding: which charset', () => {
  const contentTypes: [string, string | null][] = [
    ['text/html; charset=ISO-8859-1', 'ISO-8859-1'],
    ['text/html;charset="windows-1256"', 'windows-1256'],
    ['text/html; Charset = utf-8 ; q=1', 'utf-8'],
    ['text/html', null],
    ['text/html; charset=', null],
    ['text/html; format=flowed', null],
  ];
  for (const [header, expected] of contentTypes) {
    test(`Content-Type ${JSON.stringify(header)} → ${expected}`, () => assert.equal(charsetOfContentType(header), expected));
  }

  const metas: [string, string, string | null][] = [
    ['meta charset', '<html><head><meta charset="windows-1252"><title>x</title>', 'windows-1252'],
    ['unquoted, upper case', '<HTML><META CHARSET=ISO-8859-2>', 'ISO-8859-2'],
    ['http-equiv Content-Type', `<meta http-equiv="Content-Type" content='text/html; charset=koi8-r'>`, 'koi8-r'],
    ['content before http-equiv', '<meta content="text/html; charset=windows-1256" http-equiv=content-type>', 'windows-1256'],
    ['a charset in a comment is skipped', '<!-- <meta charset="koi8-r"> --><meta charset="iso-8859-15">', 'iso-8859-15'],
    ['content without http-equiv says nothing', '<meta name="x" content="charset=koi8-r">', null],
    ['declared UTF-16 means UTF-8', '<meta charset="utf-16le">', 'utf-8'],
    ['x-user-defined means windows-1252', '<meta charset="x-user-defined">', 'windows-1252'],
    ['past the first 1024 bytes', `<html>${' '.repeat(1100)}<meta charset="windows-1252">`, null],
    ['an unclosed comment hides the rest', '<!-- <p> <meta charset="windows-1252">', null],
  ];
  for (const [name, head, expected] of metas) {
    test(`prescan: ${name}`, () => assert.equal(prescanMetaCharset(ascii(head)), expected));
  }

  test('a BOM beats the Content-Type header, which beats <meta charset>', () => {
    const page = '<meta charset="windows-1252"><p>x</p>';
    assert.deepEqual(chooseCharset(Buffer.concat([Buffer.from([0xfe, 0xff]), ascii(page)]), 'text/html; charset=koi8-r'), {
      label: 'utf-16be',
      from: 'byte order mark',
    });
    assert.deepEqual(chooseCharset(ascii(page), 'text/html; charset=koi8-r'), { label: 'koi8-r', from: 'Content-Type header' });
    assert.deepEqual(chooseCharset(ascii(page), 'text/html'), { label: 'windows-1252', from: 'meta charset' });
    assert.deepEqual(chooseCharset(ascii('<p>x</p>'), null), { label: 'utf-8', from: 'default' });
  });
});

describe('decoding: bytes to text', () => {
  test('windows-1252 bytes 0x80-0x9F are the WHATWG characters, not C1 controls (whatever the label says)', () => {
    const bytes = Buffer.concat([ascii('<meta charset="latin1">'), Buffer.from([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x9f, 0x81, 0xe9])]);
    assert.equal(decodePage(bytes, 'p.html', null).slice(23), '€…‘’“”–—Ÿ\u0081é');
  });

  test('other single-byte encodings go through ICU: windows-1256, iso-8859-2', () => {
    assert.equal(decodePage(Buffer.from([0xc7, 0xe1]), 'p.html', 'text/html; charset=windows-1256'), '\u0627\u0644');
    assert.equal(decodePage(Buffer.from([0xe8, 0xb9]), 'p.html', 'text/html; charset=iso-8859-2'), 'čš');
  });

  test('UTF-16BE and UTF-8 BOMs are read and dropped', () => {
    assert.equal(decodePage(Buffer.from([0xfe, 0xff, 0x00, 0x41, 0x20, 0x14]), 'p.html', null), 'A—');
    assert.equal(decodePage(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'p.html', 'text/html; charset=windows-1252'), 'A');
  });

  test('invalid UTF-8 becomes U+FFFD; lone surrogates in a string are replaced', () => {
    assert.equal(decodePage(Buffer.from([0x41, 0xff, 0x42, 0xe2, 0x80]), 'p.html', null), 'A\uFFFDB\uFFFD');
    assert.equal(decodePage('\uFEFFa\uD800b\uDC00c', 'p.html', null), 'a\uFFFDb\uFFFDc');
  });

  test('an unknown charset is an InputError naming the label and where it was declared', () => {
    assertInputError(
      () => decodePage(ascii('<p>x</p>'), 'https://valleywire.example/a', 'text/html; charset=klingon-8'),
      'https://valleywire.example/a',
      'text',
      /^unknown character encoding "klingon-8" in the Content-Type header; expected a WHATWG encoding label/,
    );
    assertInputError(
      () => decodePage(ascii('<meta charset="utf-9"><p>x</p>'), 'saved/a.html', null),
      'saved/a.html',
      'text',
      /^unknown character encoding "utf-9" in the meta charset;/,
    );
  });
});

describe('parsePage: the document a browser would build', () => {
  test('a page without <html> gets one, and content outside <body> is moved into it in order', () => {
    const doc = parsePage('<title>T</title><p>one</p><p>two</p>');
    assert.equal(doc.documentElement.localName, 'html');
    assert.equal(doc.body.textContent, 'Tonetwo');
    const loose = parsePage('<html lang="en"><head><title>T</title></head><p>a</p><body><p>b</p></body><div>c</div></html>');
    assert.deepEqual([...loose.documentElement.children].map((c) => c.localName), ['head', 'body']);
    assert.equal(loose.body.textContent, 'abc');
  });
});

describe('plainTextOf: paragraphs separated by a blank line', () => {
  const read = (body: string, wholePage = false): string => plainTextOf(parsePage(`<html><body>${body}</body></html>`).body, { wholePage });
  const rows: [string, string, string][] = [
    ['p, headings, li, blockquote and a div holding text', '<h2>Raid</h2><p>One.</p><ul><li>Two</li><li>Three</li></ul><blockquote>Four.</blockquote><div>Five <em>and</em> six.</div>', 'Raid\n\nOne.\n\nTwo\n\nThree\n\nFour.\n\nFive and six.'],
    ['br ends a paragraph', '<p>Line one<br>line two<br/><br>line three</p>', 'Line one\n\nline two\n\nline three'],
    ['inline whitespace collapses, no-break spaces too', '<p>  Three\n\t killed\u00a0 in\r\n  <b> Orrin </b> .</p>', 'Three killed in Orrin .'],
    ['text beside blocks in a div is its own paragraph', '<div>Lead text<p>Body.</p>tail text</div>', 'Lead text\n\nBody.\n\ntail text'],
    ['script, style, noscript, template, title are never text', '<p>A<script>var s = "x";</script><style>p{}</style><noscript>N</noscript><template><p>T</p></template>B</p>', 'AB'],
    ['table cells are separated by a space', '<table><tr><td>3</td><td>killed</td></tr><tr><th>Place</th><td>Orrin</td></tr></table>', '3 killed\n\nPlace Orrin'],
    ['hidden elements, by attribute or inline style, are skipped', '<p hidden>H</p><p style="color:red; display: none">D</p><p aria-hidden="true">A</p><p>Seen.</p>', 'Seen.'],
    ['menus, footers, sidebars, dialogs and their roles are skipped', '<nav>N</nav><div role="navigation">R</div><aside>S</aside><dialog>D</dialog><footer>F</footer><p>Body.</p>', 'Body.'],
    ['an article header is kept', '<header><p>Headline</p></header><p>Body.</p>', 'Headline\n\nBody.'],
    ['nothing but markup gives ""', '<div><p> </p><br><span>\u00a0</span></div>', ''],
  ];
  for (const [name, body, expected] of rows) test(name, () => assert.equal(read(body), expected));

  test('reading a whole page also skips its masthead', () => {
    assert.equal(read('<header>Site</header><div role="banner">Ad</div><p>Body.</p>', true), 'Body.');
  });

  test('10,000 nested elements: no stack overflow, the text is read, the depth is measured', () => {
    const doc = parsePage(`<html><body>${'<div>'.repeat(10_000)}<p>Deep text.</p>${'</div>'.repeat(10_000)}<p>After.</p></body></html>`);
    assert.equal(plainTextOf(doc.body, { wholePage: false }), 'Deep text.\n\nAfter.');
    assert.deepEqual(treeShape(doc.body), { depth: 10_001, elements: 10_002 });
    assert.deepEqual(treeShape(doc.documentElement), { depth: 10_002, elements: 10_004 });
  });
});

describe('pageDayOf: ISO dates with a plausible UTC offset', () => {
  const rows: [string, string | null][] = [
    ['2024-03-04', '2024-03-04'],
    ['2024-03-04T23:30:00-05:00', '2024-03-04'],
    ['2024-03-04T10:00+14:00', '2024-03-04'],
    ['2024-03-04T10:00:00.123-1400', '2024-03-04'],
    ['2024-03-04T10:00-12', '2024-03-04'],
    ['2024-03-04T10:00+14:30', null],
    ['2024-03-04T10:00:00+25:00', null],
    ['2024-03-04T10:00-15', null],
    ['2024-03-04T10:00+05:60', null],
    ['2024-02-30', null],
    ['4 March 2024', null],
  ];
  for (const [value, expected] of rows) test(`${value} → ${expected}`, () => assert.equal(pageDayOf(value), expected));
});

describe('datelines', () => {
  for (const rule of DATELINE_RULES) {
    test(`rule ${rule.id} reads its example`, () => assert.equal(datelineOf(rule.example)?.rule, rule.id));
  }
  const rows: [string, string, { place: string; year: number | null; month: number; day: number } | null][] = [
    ['wire style with an agency', 'ARDENVALE, March 3 (Valley Wire) — Two people were hurt.', { place: 'ARDENVALE', year: null, month: 3, day: 3 }],
    ['day first with a year', 'Port Merrow, 3 March 2024 — A fire broke out.', { place: 'Port Merrow', year: 2024, month: 3, day: 3 }],
    ['AP abbreviation, year, region', 'GLENHOLLOW, Ostmark, Sept. 14, 2023 -- Gunmen attacked a bus.', { place: 'GLENHOLLOW, Ostmark', year: 2023, month: 9, day: 14 }],
    ['a particle in the place, en dash', 'Tell al-Kassar, 2 Jan (Ledger News) – Shelling resumed.', { place: 'Tell al-Kassar', year: null, month: 1, day: 2 }],
    ['a hyphen', 'NEWCASTLE upon TYNE, May 9 - Police said.', { place: 'NEWCASTLE upon TYNE', year: null, month: 5, day: 9 }],
    ['a sentence is not a dateline', 'The clashes began on Sunday, March 3 — and lasted a week.', null],
    ['no dash after the date', 'ARDENVALE, March 3 was a quiet day.', null],
    ['not at the start', 'Reported from ARDENVALE, March 3 — Two hurt.', null],
    ['a month in another language is not read', 'KESTRA, 3 mars 2024 — Deux blessés.', null],
    ['no date', 'ARDENVALE (Valley Wire) — Two people were hurt.', null],
  ];
  for (const [name, text, expected] of rows) {
    test(name, () => {
      const d = datelineOf(text);
      assert.deepEqual(d && { place: d.place, year: d.year, month: d.month, day: d.day }, expected);
    });
  }

  const days: [string, string, string | null, string | null][] = [
    ['a year given is kept', 'KESTRA, 3 March 2024 —', '2025-06-01', '2024-03-03'],
    ['a year given needs no other date', 'KESTRA, 3 March 2024 —', null, '2024-03-03'],
    ['no year: the modified year', 'KESTRA, March 3 —', '2024-03-05', '2024-03-03'],
    ['no year: the day of modification itself', 'KESTRA, March 5 —', '2024-03-05', '2024-03-05'],
    ['no year: a later day is last year', 'KESTRAVEN, December 30 —', '2025-01-02', '2024-12-30'],
    ['no year and no other date: not used', 'KESTRA, March 3 —', null, null],
    ['not a real day', 'KESTRA, February 30, 2024 —', null, null],
    ['February 29 of an inferred year without one', 'KESTRA, February 29 —', '2025-03-01', null],
  ];
  for (const [name, text, notAfter, expected] of days) {
    test(`day: ${name}`, () => {
      const d = datelineOf(text);
      assert.ok(d, `no dateline read in ${text}`);
      assert.equal(dayOfDateline(d, notAfter), expected);
    });
  }
});

describe('MetaTags', () => {
  test('names match without regard to case; empty contents are dropped; Open Graph by property or name', () => {
    const meta = new MetaTags(
      parsePage(
        '<head><meta name="dc.date.issued" content=" 2024-01-02 "><meta name="DC.date.issued" content="">' +
          '<meta name="og:title" content="By  name"><meta property="og:site_name" content="Valley Wire"></head>',
      ),
    );
    assert.deepEqual(meta.values('name', 'DC.date.issued'), [{ content: '2024-01-02', where: 'meta[name="DC.date.issued"]' }]);
    assert.equal(meta.openGraph('og:title'), 'By name');
    assert.equal(meta.openGraph('og:site_name'), 'Valley Wire');
    assert.equal(meta.openGraph('og:url'), null);
  });
});

describe('JsonLd', () => {
  test('@graph, nested mainEntity, arrays of types and values, @value, @id references', () => {
    const ld = new JsonLd([
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebPage', datePublished: '2020-01-01', mainEntity: { '@type': ['ReportageNews', 'NewsArticle'], headline: ' Raid  on Orrin ', datePublished: ['junk', { '@value': '2024-05-19' }], publisher: { '@id': '#org' } } },
          { '@type': 'Organization', '@id': '#org', name: 'Valley Wire' },
        ],
      }),
    ]);
    assert.deepEqual(ld.strings('headline'), ['Raid on Orrin']);
    assert.deepEqual(ld.strings('datePublished'), ['junk', '2024-05-19', '2020-01-01']);
    assert.deepEqual(ld.publisherNames(), ['Valley Wire']);
  });

  test('blocks that fail to parse are ignored; the rest are read; types may be full IRIs', () => {
    const ld = new JsonLd(['{"@type": "NewsArticle", "headline": ', '[{"@type": "http://schema.org/BlogPosting", "datePublished": "2023-01-02", "publisher": [{"name": "Ledger Blogs"}]}]']);
    assert.deepEqual(ld.strings('datePublished'), ['2023-01-02']);
    assert.deepEqual(ld.publisherNames(), ['Ledger Blogs']);
  });

  test('nodes of other types are not read; a very deep or large block costs bounded time', () => {
    assert.deepEqual(new JsonLd(['{"@type": "Event", "datePublished": "2023-01-02", "headline": "x"}']).strings('headline'), []);
    const deep = `${'['.repeat(50_000)}{"@type": "Article", "headline": "Deep"}${']'.repeat(50_000)}`;
    assert.deepEqual(new JsonLd([deep]).strings('headline'), ['Deep']);
    const wide = JSON.stringify(Array.from({ length: 300_000 }, (_, i) => ({ '@type': 'Thing', n: i })));
    const started = Date.now();
    assert.deepEqual(new JsonLd([wide]).strings('headline'), []);
    assert.ok(Date.now() - started < 5_000);
  });
});

const FIXTURES = 'test/fixtures/html';
const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/html/${name}`, import.meta.url));

describe('readHtmlPage: one fixture per metadata style', () => {
  test('Open Graph and article:published_time win over JSON-LD, <time> and og:url; canonical URL; site name cut from og:title', () => {
    const source = `${FIXTURES}/open-graph.html`;
    const expected: Article = {
      id: 'https://northernledger.example/news/2024/03/harrowby-cross-market-fire',
      text: [
        'Market stalls burned in Harrowby Cross',
        '15 January',
        'Two traders were hurt early on Sunday when a group of men set fire to stalls at the covered market in Harrowby Cross, the county police said.',
        'Officers said the attackers arrived shortly before dawn, poured fuel over three stalls and fled on foot towards the river.',
        'A fourth stall was damaged by the heat.',
        "Both traders were taken to St Aldric's Infirmary with burns to their hands and were said to be in a stable condition on Monday.",
        "Detective Inspector Rowan Tarly asked anyone who saw a grey van near Cooper's Lane to come forward, and said the force was treating the fire as arson.",
      ].join('\n\n'),
      published: '2024-03-04',
      url: 'https://northernledger.example/news/2024/03/harrowby-cross-market-fire',
      outlet: 'The Northern Ledger',
      title: 'Market stalls burned in Harrowby Cross',
      language: 'en',
      provenance: {
        format: 'html',
        fetchedFrom: null,
        fields: {
          id: 'link[rel=canonical]',
          text: 'readability',
          published: 'meta[property="article:published_time"]',
          url: 'link[rel=canonical]',
          outlet: 'og:site_name',
          title: 'og:title',
          language: 'html[lang]',
        },
      },
    };
    assert.deepEqual(readHtmlPage(fixture('open-graph.html'), { source, fallbackId: 'open-graph' }), expected);
  });

  test('JSON-LD in an @graph: headline, datePublished of the article node (not the WebPage), publisher by @id; relative og:url', () => {
    const a = readHtmlPage(fixture('json-ld-graph.html'), {
      source: 'https://valleywire.example/feed/item?id=7',
      fetchedFrom: 'https://valleywire.example/feed/item?id=7',
    });
    assert.deepEqual(a, {
      id: 'https://valleywire.example/stories/dunmere-checkpoint-shooting',
      text: [
        'What happened',
        'A man was shot dead at a militia checkpoint on the road between Dunmere and Ostrey late on Sunday, according to two witnesses who spoke to Valley Wire.',
        'The witnesses said the man, a delivery driver named locally as Tobin Quell, had refused to stop his truck when gunmen waved it down.',
        'The checkpoint was set up last week.',
        'No group has said it controls the road.',
        'We heard four shots, then the truck rolled into the ditch.',
        'The regional council in Ostrey said it had asked for an inquiry.',
      ].join('\n\n'),
      published: '2024-05-19',
      url: 'https://valleywire.example/stories/dunmere-checkpoint-shooting',
      outlet: 'Valley Wire',
      title: 'Checkpoint shooting leaves one dead near Dunmere',
      language: 'en',
      provenance: {
        format: 'html',
        fetchedFrom: 'https://valleywire.example/feed/item?id=7',
        fields: {
          id: 'og:url',
          text: 'readability',
          published: 'JSON-LD datePublished',
          url: 'og:url',
          outlet: 'JSON-LD publisher.name',
          title: 'JSON-LD headline',
          language: 'meta[http-equiv="content-language"]',
        },
      },
    } satisfies Article);
  });

  test('only <time datetime>: the first valid one inside the article, not the sidebar\'s; id from the file name', () => {
    const a = readHtmlPage(fixture('time-only.html'), { source: `${FIXTURES}/time-only.html`, fallbackId: 'time-only' });
    assert.deepEqual(a, {
      id: 'time-only',
      text: [
        '11:30 14 September 2022',
        "Two men were stabbed during a fight outside a bar on Tanner Street in Brackwater on Wednesday night, the town's police service said.",
        'One of the men, aged 24, was in a serious condition, a police spokeswoman, Oda Venn, said. The other was treated for cuts and released.',
        'A 31-year-old man was arrested at the scene and later charged with wounding.',
      ].join('\n\n'),
      published: '2022-09-14',
      url: null,
      outlet: null,
      title: 'Two hurt in Brackwater bar fight',
      language: null,
      provenance: { format: 'html', fetchedFrom: null, fields: { id: 'file name', text: 'readability', published: 'time[datetime]', title: 'title' } },
    } satisfies Article);
  });

  test('only a dateline: its day, the year from the modified time (December 30 on a page modified on January 2)', () => {
    const a = readHtmlPage(fixture('dateline.html'), { source: `${FIXTURES}/dateline.html`, fallbackId: 'dateline', published: '2025-02-01' });
    assert.equal(a.published, '2024-12-30');
    assert.equal(a.provenance?.fields.published, 'dateline, year from meta[property="article:modified_time"]');
    assert.ok(a.text.startsWith('KESTRAVEN, December 30 (Valley Wire) — Three police officers were wounded'));
    assert.equal(a.text.split('\n\n').length, 3);
  });

  test('windows-1252 declared by <meta http-equiv>: é and ’ read right; a relative canonical URL is resolved against the fetched address', () => {
    const a = readHtmlPage(fixture('windows-1252.html'), {
      source: 'https://northernledger.example/lowmarsh/?utm=x',
      fetchedFrom: 'https://northernledger.example/lowmarsh/?utm=x',
    });
    assert.equal(
      a.text,
      'The owner of the Café Rosel in Lowmarsh was beaten by four men on Friday, the town’s police said.\n\n' +
        'The owner, Renée Calloway, told officers the men had demanded money before attacking her.',
    );
    assert.equal(a.title, 'Café owner beaten in Lowmarsh');
    assert.equal(a.url, 'https://northernledger.example/lowmarsh/cafe-owner-beaten');
    assert.equal(a.provenance?.fields.url, 'link[rel=canonical]');
  });

  test('windows-1252 page: the Content-Type charset wins over <meta>; a relative canonical URL without a fetched address is not used', () => {
    const a = readHtmlPage(fixture('windows-1252.html'), {
      source: `${FIXTURES}/windows-1252.html`,
      contentType: 'text/html; charset=windows-1251',
      fallbackId: 'windows-1252',
    });
    assert.equal(a.title, 'Cafй owner beaten in Lowmarsh');
    assert.equal(a.url, null);
    assert.equal(a.id, 'windows-1252');
    assert.equal(a.provenance?.fields.id, 'file name');
  });

  test('UTF-16LE with a BOM: the BOM wins over <meta charset="windows-1252">; " — Outlet" cut from the title', () => {
    const a = readHtmlPage(fixture('utf-16le-bom.html'), { source: `${FIXTURES}/utf-16le-bom.html`, fallbackId: 'utf-16le-bom' });
    assert.equal(
      a.text,
      'Gunmen ambushed an aid convoy on the Saltreach road on Tuesday, killing one driver, the convoy’s organisers said.\n\n' +
        'The organisers, the relief group Ferrow Aid, said two of its trucks were burned — “a loss we cannot replace”.',
    );
    assert.equal(a.title, 'Convoy ambushed on the Saltreach road');
    assert.equal(a.outlet, 'Valley Wire');
  });

  test('scripts, styles, comments, noscript, template, menu, cookie banner, sidebar and footer never reach the text', () => {
    const a = readHtmlPage(fixture('scripts-and-chrome.html'), { source: `${FIXTURES}/scripts-and-chrome.html`, fallbackId: 'riot' });
    assert.equal(
      a.text,
      [
        'Inmates set fire to mattresses and took two guards hostage during a riot at Fallowmere prison on Thursday, the justice ministry said.',
        'The guards were released unharmed after six hours of talks, a ministry spokesman, Arvid Sallow, said. Eleven inmates were treated for smoke inhalation.',
        'Relatives gathered outside the gates through the night, waiting for news of the inmates.',
        'The ministry said an inquiry would look into how the riot began and why the fire alarms in the east wing had failed to sound.',
      ].join('\n\n'),
    );
    for (const marker of ['SCRIPT', 'STYLE', 'COMMENT', 'NOSCRIPT', 'TEMPLATE', 'NAV', 'COOKIE', 'ASIDE', 'FOOTER']) {
      assert.ok(!a.text.includes(`${marker}MARKER`), `${marker}MARKER in the text`);
    }
    // application-name gives the outlet, whose name is cut from the <title>; an ftp: canonical URL is no URL.
    assert.equal(a.outlet, 'The Northern Ledger');
    assert.equal(a.provenance?.fields.outlet, 'meta[name="application-name"]');
    assert.equal(a.title, 'Riot at Fallowmere prison');
    assert.equal(a.url, null);
  });

  test('broken tags: unclosed and misnested elements, stray end tags, bare entities; a date with a +25:00 offset is skipped', () => {
    const a = readHtmlPage(fixture('broken-tags.html'), { source: `${FIXTURES}/broken-tags.html`, fallbackId: 'broken-tags' });
    assert.equal(
      a.text,
      [
        'Shots were fired into the air at a political rally in Millbeck on Saturday, scattering the crowd of several hundred people.',
        'Witnesses said a man on a motorbike fired three times & then rode off < down Mill Road.',
        'No one was hurt, the organisers said. The candidate, Halla Drey, said she would not be intimidated.',
        'A police spokesman said officers had found spent cartridges near the stage, 3 < 4.',
      ].join('\n\n'),
    );
    assert.equal(a.published, '2023-06-11');
    assert.equal(a.provenance?.fields.published, 'meta[name="date"]');
    assert.equal(a.language, 'en');
  });

  test('a page whose text is written by a script: "no article text found in the page"', () => {
    const source = `${FIXTURES}/no-article-text.html`;
    assertInputError(() => readHtmlPage(fixture('no-article-text.html'), { source, fallbackId: 'x' }), source, 'text', /^no article text found in the page/);
  });
});

/** A page with the given head and article paragraphs (a fictional outlet's story). */
function page(head: string, ...paragraphs: string[]): string {
  const body = paragraphs.length > 0 ? paragraphs : ['Two farmers were wounded by gunfire near Orrin on Tuesday, the district office said.'];
  return `<!doctype html><html><head>${head}</head><body><article>${body.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
}
const read = (html: string | Uint8Array, opts: Partial<Parameters<typeof readHtmlPage>[1]> = {}): Article =>
  readHtmlPage(html, { source: 'page.html', fallbackId: 'page', ...opts });

describe('readHtmlPage: the publication date, source by source', () => {
  const meta = (name: string, value: string, attr = 'name'): string => `<meta ${attr}="${name}" content="${value}">`;
  const ld = (o: object): string => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;
  const ledger = 'GLENHOLLOW, 3 March 2021 (Valley Wire) — Two farmers were wounded.';
  const rows: { name: string; head: string; text?: string; extra?: string; published?: string; expected: [string, string] | null }[] = [
    {
      name: 'article:published_time before everything else',
      head: meta('pubdate', '2020-01-01') + meta('article:published_time', '2024-03-04T07:15:00Z', 'property') + ld({ '@type': 'NewsArticle', datePublished: '2019-01-01' }),
      text: ledger,
      expected: ['2024-03-04', 'meta[property="article:published_time"]'],
    },
    { name: 'name="article:published_time"', head: meta('article:published_time', '2024-03-05'), expected: ['2024-03-05', 'meta[name="article:published_time"]'] },
    { name: 'itemprop="datePublished"', head: meta('datePublished', '2024-03-06', 'itemprop'), expected: ['2024-03-06', 'meta[itemprop="datePublished"]'] },
    { name: 'DC.date.issued in any case', head: meta('dc.DATE.issued', '2024-03-07'), expected: ['2024-03-07', 'meta[name="DC.date.issued"]'] },
    { name: 'parsely-pub-date', head: meta('parsely-pub-date', '2024-03-08T10:00:00Z'), expected: ['2024-03-08', 'meta[name="parsely-pub-date"]'] },
    { name: 'sailthru.date with a space', head: meta('sailthru.date', '2024-03-09 10:00:00'), expected: ['2024-03-09', 'meta[name="sailthru.date"]'] },
    {
      name: 'a refused meta value gives way to the next source (JSON-LD)',
      head: meta('article:published_time', '2024-02-30', 'property') + ld({ '@type': 'Article', datePublished: '2024-03-10' }),
      expected: ['2024-03-10', 'JSON-LD datePublished'],
    },
    {
      name: 'JSON-LD before <time> and the dateline',
      head: ld([{ '@type': 'WebPage', datePublished: '2020-01-01' }, { '@type': 'BlogPosting', datePublished: '2024-03-11T01:00:00+14:00' }]),
      extra: '<time datetime="2019-05-05">5 May</time>',
      text: ledger,
      expected: ['2024-03-11', 'JSON-LD datePublished'],
    },
    {
      name: 'a JSON-LD date with a +15:00 offset is refused; <time> is next',
      head: ld({ '@type': 'NewsArticle', datePublished: '2024-03-12T10:00:00+15:00' }),
      extra: '<time datetime="2024-03-13T09:00">13 March</time>',
      expected: ['2024-03-13', 'time[datetime]'],
    },
    { name: 'a dateline with its year', head: '', text: ledger, expected: ['2021-03-03', 'dateline'] },
    {
      name: 'a dateline below a byline readability keeps',
      head: '<title>Glenhollow: two hurt</title><meta property="og:title" content="Farmers wounded near Glenhollow">',
      extra: '<h1>Farmers wounded near Glenhollow</h1><p class="byline">By Ilsa Marrow</p>',
      text: ledger,
      expected: ['2021-03-03', 'dateline'],
    },
    {
      name: 'a dateline-like opening past the third paragraph is not a dateline',
      head: '',
      extra: '<p>First paragraph.</p><p>Second paragraph.</p><p>Third paragraph.</p>',
      text: ledger,
      expected: null,
    },
    {
      name: 'a dateline without a year and no other date: the option',
      head: '',
      text: 'GLENHOLLOW, March 3 — Two farmers were wounded.',
      published: '2024-04-01T08:00:00Z',
      expected: ['2024-04-01', 'option published'],
    },
    {
      name: 'a dateline without a year: the year of JSON-LD dateModified',
      head: ld({ '@type': 'NewsArticle', dateModified: '2022-03-05T08:00:00Z' }),
      text: 'GLENHOLLOW, March 3 — Two farmers were wounded.',
      expected: ['2022-03-03', 'dateline, year from JSON-LD dateModified'],
    },
    { name: 'nothing at all', head: meta('date', 'yesterday'), expected: null },
  ];
  for (const r of rows) {
    test(r.name, () => {
      const paragraphs = [r.text ?? 'Two farmers were wounded by gunfire near Orrin on Tuesday, the district office said.', 'The district office said both were taken to hospital.'];
      const html = page(r.head, ...paragraphs).replace('<article>', `<article>${r.extra ?? ''}`);
      const a = read(html, { published: r.published ?? null });
      assert.deepEqual([a.published, a.provenance?.fields.published], r.expected ?? [null, undefined]);
    });
  }

  test('an invalid published option is an InputError, even when the page has a date', () => {
    assertInputError(
      () => read(page('<meta name="date" content="2024-01-01">'), { source: 'saved/x.html', published: '03/04/2024' }),
      'saved/x.html',
      'published',
      /^option published "03\/04\/2024" is not an ISO date \(YYYY-MM-DD\)/,
    );
  });
});

describe('readHtmlPage: title, outlet, URL and id, language', () => {
  test('cutSiteName: only a trailing name that is the outlet, after " | ", " - ", " — " or " – "', () => {
    const rows: [string, string][] = [
      ['Raid on Orrin | Valley Wire', 'Raid on Orrin'],
      ['Raid on Orrin - VALLEY WIRE', 'Raid on Orrin'],
      ['Raid on Orrin – Valley Wire', 'Raid on Orrin'],
      ['Raid on Orrin | Valley Wire Sport', 'Raid on Orrin | Valley Wire Sport'],
      ['Valley Wire', 'Valley Wire'],
      ['Orrin-Valley Wire', 'Orrin-Valley Wire'],
    ];
    for (const [title, expected] of rows) assert.equal(cutSiteName(title, ['Valley Wire']), expected, title);
  });

  test('og:title, else JSON-LD headline, else <title>; a title naming another site keeps its suffix', () => {
    const ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "From JSON-LD"}</script>';
    assert.deepEqual(
      [read(page(`<title>From title</title>${ld}<meta property="og:title" content=" From  og ">`)).title, read(page(`<title>From title</title>${ld}`)).title],
      ['From og', 'From JSON-LD'],
    );
    const a = read(page('<title>Raid on Orrin | Harbour Times</title><meta property="og:site_name" content="Valley Wire">'));
    assert.deepEqual([a.title, a.provenance?.fields.title], ['Raid on Orrin | Harbour Times', 'title']);
    assert.equal(read(page('')).title, null);
  });

  test('no outlet is invented from the address', () => {
    const a = read(page('<link rel="canonical" href="https://valleywire.example/a">'));
    assert.equal(a.outlet, null);
    assert.equal(a.provenance?.fields.outlet, undefined);
  });

  test('URL: canonical (rel as a token list) over og:url over the fetched address; http(s) only', () => {
    const fetched = 'https://valleywire.example/fetched';
    const rows: [string, string | null, string | null, string | undefined][] = [
      ['<link rel="Canonical amphtml" href="https://valleywire.example/c"><meta property="og:url" content="https://valleywire.example/og">', null, 'https://valleywire.example/c', 'link[rel=canonical]'],
      ['<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://valleywire.example/og">', null, 'https://valleywire.example/og', 'og:url'],
      ['<link rel="canonical" href="relative/path">', fetched, 'https://valleywire.example/relative/path', 'link[rel=canonical]'],
      ['<link rel="canonical" href=""><meta property="og:url" content="mailto:desk@valleywire.example">', fetched, fetched, 'fetched URL'],
      ['<link rel="canonical" href="relative/path">', null, null, undefined],
    ];
    for (const [head, fetchedFrom, url, from] of rows) {
      const a = read(page(head), { fetchedFrom });
      assert.deepEqual([a.url, a.provenance?.fields.url, a.id], [url, from, url ?? 'page'], head);
    }
  });

  test('a fetched address that is not an absolute http(s) URL is an InputError', () => {
    assertInputError(() => read(page(''), { source: 'feed', fetchedFrom: 'file:///etc/passwd' }), 'feed', 'url', /^fetched-from address "file:\/\/\/etc\/passwd" is not an absolute http\(s\) URL$/);
  });

  test('no URL and no fallback id: an InputError on the id', () => {
    assertInputError(() => readHtmlPage(page(''), { source: 'saved/x.html' }), 'saved/x.html', 'id', /no link\[rel=canonical\] or og:url.*no fallback id was given/);
    assertInputError(() => readHtmlPage(page(''), { source: 'saved/x.html', fallbackId: '  ' }), 'saved/x.html', 'id', /no fallback id/);
  });

  test('primaryLanguage', () => {
    const rows: [string, string | null][] = [['en-GB', 'en'], ['pt_BR', 'pt'], ['FR', 'fr'], ['ast', 'ast'], ['und', null], ['{{lang}}', null], ['', null], ['english', null]];
    for (const [tag, expected] of rows) assert.equal(primaryLanguage(tag), expected, tag);
  });

  test('language: html[lang], else content-language, else og:locale, else null', () => {
    const lang = (html: string): [string | null, string | undefined] => {
      const a = read(html);
      return [a.language, a.provenance?.fields.language];
    };
    const cl = '<meta http-equiv="content-language" content="es-MX, en">';
    const og = '<meta property="og:locale" content="pt_BR">';
    assert.deepEqual(lang(page(cl + og).replace('<html>', '<html lang="en-GB">')), ['en', 'html[lang]']);
    assert.deepEqual(lang(page(cl + og).replace('<html>', '<html lang="{{ lang }}">')), ['es', 'meta[http-equiv="content-language"]']);
    assert.deepEqual(lang(page(og)), ['pt', 'og:locale']);
    assert.deepEqual(lang(page('')), [null, undefined]);
  });
});

describe('readHtmlPage: hostile and oversized pages', () => {
  test('a page over maxBytes is an InputError stating its size and the limit', () => {
    const html = page('', 'x'.repeat(2_000));
    const size = Buffer.byteLength(html);
    assertInputError(
      () => read(Buffer.from(html), { source: 'big.html', maxBytes: 1_000 }),
      'big.html',
      null,
      new RegExp(`^page is ${size.toLocaleString('en-US')} bytes, over the limit of 1,000 bytes`),
    );
    // A string is measured in UTF-8 bytes: 600 "é" are 1,200 bytes.
    assertInputError(() => read('é'.repeat(600), { source: 's', maxBytes: 1_000 }), 's', null, /^page is 1,200 bytes, over the limit of 1,000 bytes/);
    assert.equal(read(page(''), { maxBytes: 1_000 }).id, 'page');
  });

  test('the default limit is 10 MiB', () => {
    const over = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    assertInputError(() => read(over), 'page.html', null, /^page is 10,485,761 bytes, over the limit of 10,485,760 bytes/);
  });

  test(`a page nested 10,000 deep is read without readability (deeper than ${MAX_READABILITY_DEPTH}), its furniture skipped`, () => {
    const html = `<html><body><nav>Menu</nav>${'<div>'.repeat(10_000)}<p>Gunmen attacked a checkpoint near Orrin.</p>${'</div>'.repeat(10_000)}<footer>Footer</footer></body></html>`;
    const started = Date.now();
    const a = read(html);
    assert.ok(Date.now() - started < 10_000, 'took more than 10 s');
    assert.equal(a.text, 'Gunmen attacked a checkpoint near Orrin.');
    assert.equal(a.provenance?.fields.text, 'body paragraphs (page nested 10002 elements deep, readability reads up to 200)');
  });

  test(`a page of more than ${MAX_READABILITY_ELEMENTS.toLocaleString('en-US')} elements is read without readability, quickly`, () => {
    const html = `<html><body>${'<div class="slot"><span></span></div>'.repeat(50_000)}<p>Gunmen attacked a checkpoint near Orrin.</p></body></html>`;
    const started = Date.now();
    const a = read(html);
    assert.ok(Date.now() - started < 10_000, 'took more than 10 s');
    assert.equal(a.text, 'Gunmen attacked a checkpoint near Orrin.');
    assert.equal(a.provenance?.fields.text, 'body paragraphs (page of 100,003 elements, readability reads up to 30,000)');
  });

  test('when readability finds nothing (a page that is only its headline), the body\'s paragraphs are read', () => {
    const headline = 'Gunmen attack checkpoint near Orrin';
    const a = read(`<html><head><title>${headline}</title></head><body><nav>Menu</nav><h1>${headline}</h1></body></html>`);
    assert.equal(a.text, headline);
    assert.equal(a.provenance?.fields.text, 'body paragraphs (readability found no article)');
  });

  test('a cookie dialog on a short page is removed before readability can keep it', () => {
    const a = read('<html><body><div role="dialog"><p>Accept cookies, please, now, or later, or never.</p></div>Gunmen attacked a checkpoint near Orrin.</body></html>');
    assert.equal(a.text, 'Gunmen attacked a checkpoint near Orrin.');
    assert.equal(a.provenance?.fields.text, 'readability');
  });

  test('a page wrapped in a <form> (ASP.NET Web Forms) is read', () => {
    const a = read(`<html><body><form id="aspnetForm"><input type="hidden" value="STATE">${page('').replace(/^.*<body>|<\/body>.*$/g, '')}</form></body></html>`);
    assert.equal(a.text, 'Two farmers were wounded by gunfire near Orrin on Tuesday, the district office said.');
  });

  test('a 5 MB attribute, a 1 MB script and many scripts do not break the reading', () => {
    const huge = `<div data-state="${'x'.repeat(5_000_000)}"></div>`;
    const script = `<script>var blob = "${'SCRIPTMARKER '.repeat(80_000)}";</script>`;
    const many = Array.from({ length: 2_000 }, (_, i) => `<script>track(${i}, "SCRIPTMARKER")</script>`).join('');
    const a = read(page(huge + script, 'Gunmen attacked a checkpoint near Orrin.', `Police said two were hurt.${many}`));
    assert.equal(a.text, 'Gunmen attacked a checkpoint near Orrin.\n\nPolice said two were hurt.');
  });

  test('unterminated markup: an unclosed <title> swallows the page, as in a browser, leaving no text', () => {
    assertInputError(() => read('<html><head><title>Raid<body><p>Text.</p></body></html>'), 'page.html', 'text', /^no article text found in the page/);
  });

  test('text that is binary junk after decoding fails the article text check', () => {
    const junk = Buffer.concat([Buffer.from('<html><body><p>'), Buffer.alloc(300, 0xff), Buffer.from('</p></body></html>')]);
    assertInputError(() => read(junk), 'page.html', 'text', /replacement characters/);
  });
});

describe('readHtmlPage: pages the fuzzer found (test/ingest/fuzz.test.ts)', () => {
  test('an <html> tag inside a comment left open leaves no root: refused with its reason, not a TypeError', () => {
    const page = '<!--<html lang="zz-@@"><p>Shelling killed four civilians in Northfield on Monday.</p>';
    assert.throws(
      () => readHtmlPage(page, { source: 'open-comment.html', fallbackId: 'open-comment' }),
      (e: unknown) => e instanceof InputError && e.message === 'open-comment.html: no article text found in the page (is its text written by a script?)',
    );
  });
});
