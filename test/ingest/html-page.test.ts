import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
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
import { plainTextOf, treeDepth } from '../../src/pipeline/ingest/html/page-text.ts';

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
    assert.equal(treeDepth(doc.body), 10_001);
    assert.equal(treeDepth(doc.documentElement), 10_002);
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
