import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SyndicationInputError,
  SyndicationOptionsError,
  comparisonWords,
  fnv1a32,
  independentSources,
  shingleHashes,
  syndicationGroups,
  type SyndicationDoc,
  type SyndicationResult,
} from '../../src/pipeline/link/syndication.ts';

// All texts below were written for these tests (styles of wire, agency and monitor reports).

const WIRE = [
  'BEIRUT (AP) — Airstrikes on a market town in northwestern Syria killed at least 11 civilians on Tuesday, including four children, according to rescue workers and a war monitor.',
  'The strikes hit the main vegetable market in the town of Kafr Nabudah in the late morning, when the square was crowded with shoppers ahead of the weekend, the Syrian Civil Defense said.',
  'Rescuers pulled at least 23 wounded people from the rubble of two collapsed shops and took them to a field hospital in the nearby village of Qalaat al-Madiq, the group said in a statement.',
  'The Britain-based Syrian Observatory for Human Rights, which tracks the war through a network of activists on the ground, put the death toll at 12 and said the planes were Russian.',
  'There was no immediate comment from Moscow or from the government in Damascus, which say they target only militants.',
  'Video posted online by activists showed men carrying a small child wrapped in a blanket through a street littered with broken crates and burnt vegetables.',
  'A local council official, who asked not to be named for fear of reprisals, said the market had been hit twice in the past month and that many traders had already moved their stalls to olive groves outside the town.',
  'Kafr Nabudah lies on the southern edge of the last major rebel-held enclave in the country, where a ceasefire brokered by Russia and Turkey has repeatedly broken down.',
  'The United Nations says more than 400,000 people have fled the area since the start of the year, many of them to crowded camps along the Turkish border.',
  "Syria's conflict, now in its ninth year, has killed hundreds of thousands of people and displaced half of the country's pre-war population.",
];
const WIRE_BODY = WIRE.join('\n\n');

/** The wire story as five outlets republished it: own headline, byline, widgets and footer. */
const OUTLET_COPIES: SyndicationDoc[] = [
  {
    id: 'outlet-a',
    text: `Airstrikes on Syrian market kill 11, rescuers say\nBy The Associated Press\n\n${WIRE_BODY}\n\nCopyright 2019 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.`,
  },
  {
    id: 'outlet-b',
    text: `Syria: civilians dead in strikes on Kafr Nabudah market\nPublished 14:32 GMT | 3 min read\nShare this article\n\n${WIRE_BODY}\n\nRead more: Idlib truce talks stall again\nFollow us on Twitter and Telegram for breaking news`,
  },
  {
    id: 'outlet-c',
    // Typographic quotes and dashes, hard-wrapped lines, a photo caption in the middle.
    text: `WORLD NEWS\nMarket bombing in Idlib province leaves 11 dead\n\n${WIRE.slice(0, 5).join(' ').replace(/'/g, '\u2019').replace(/ — /g, ' \u2013 ').replace(/(.{60,70}) /g, '$1\n')}\n\nPhoto: Rescuers search the rubble in Kafr Nabudah (AP)\n\n${WIRE.slice(5).join('\n')}`,
  },
  {
    id: 'outlet-d',
    text: `11 killed as jets pound market in rebel-held Syria\n\nAdvertisement\n\n${WIRE_BODY}\n\nThe Associated Press contributed to this report.\nRelated: Turkey sends reinforcements to observation posts`,
  },
  {
    id: 'outlet-e',
    text: `NORTHWEST SYRIA — STRIKE ON MARKET\n${WIRE_BODY.toUpperCase()}\n\nSUBSCRIBE TO OUR NEWSLETTER`,
  },
];

/** A copy that rewrites three sentences and drops the closing background line. */
const REWORDED: SyndicationDoc = {
  id: 'reworded',
  text: [
    'Air raids on a town in Syria kill 11',
    WIRE[0],
    'The raids struck the crowded produce market of Kafr Nabudah late in the morning as residents shopped before the weekend, according to the Syrian Civil Defense.',
    WIRE[2],
    WIRE[3],
    WIRE[4],
    'Footage shared by activists on social media showed a small child in a blanket being carried along a street strewn with smashed crates.',
    WIRE[6],
    'The town sits at the southern tip of the last big opposition enclave, where a truce agreed by Moscow and Ankara keeps collapsing.',
    WIRE[8],
  ].join('\n'),
};

/** The wire story republished with a paragraph of the outlet's own reporting added. */
const WITH_ADDED_PARAGRAPH: SyndicationDoc = {
  id: 'added-paragraph',
  text: [
    'Eleven dead in Kafr Nabudah market strike',
    WIRE_BODY,
    'Speaking to our correspondent by telephone, a nurse at the field hospital in Qalaat al-Madiq said three of the wounded were in critical condition and that the hospital had run out of blood bags by the afternoon. She said generators were running on the last of their fuel and that staff had asked the health directorate for an urgent delivery. Several families were seen loading mattresses onto pickup trucks and leaving the town for the border after the funerals in the evening, which were held quickly for fear of further raids.',
  ].join('\n\n'),
};

/** The first five paragraphs only (a trimmed copy inside the original). */
const TRIMMED: SyndicationDoc = {
  id: 'trimmed',
  text: `Strikes kill 11 in Syrian market town\n\n${WIRE.slice(0, 5).join('\n\n')}`,
};

/** Two reports of the same strike from other newsrooms: same figures, same sources, own words. */
const INDEPENDENT_AFP: SyndicationDoc = {
  id: 'independent-afp',
  text: [
    'Beirut (AFP) - Russian warplanes bombed a busy market in a rebel-held town of Idlib province on Tuesday, killing 12 civilians including four children, the Syrian Observatory for Human Rights said.',
    'The raids on Kafr Nabudah also wounded at least 23 people, the Britain-based monitor said, adding that the toll was likely to rise because several of the injured were in serious condition.',
    'An AFP correspondent in the town saw bloodstains on the ground among overturned vegetable stalls and the twisted frames of two shops that had caved in.',
    'The White Helmets rescue group, which operates in opposition-held areas, said its volunteers had recovered 11 bodies and taken the wounded to a hospital in Qalaat al-Madiq.',
    '"We were buying bread when the first missile fell," a 40-year-old shopkeeper told AFP, asking to be identified only by his first name, Abu Ahmad.',
    'Damascus and its ally Moscow have stepped up their bombardment of the region since the end of April despite a truce agreed last year by Russia and rebel backer Turkey.',
    'The war in Syria has killed more than 370,000 people since it started in 2011 with the brutal repression of anti-government protests.',
  ].join('\n'),
};

const INDEPENDENT_ANADOLU: SyndicationDoc = {
  id: 'independent-aa',
  text: [
    'IDLIB, Syria (AA) - At least 11 civilians, four of them children, lost their lives on Tuesday when Russian and regime warplanes targeted a marketplace in the de-escalation zone, according to the Syrian Civil Defense, also known as the White Helmets.',
    'Speaking to Anadolu Agency, civil defense official Mustafa Hajj Yusuf said 23 more civilians were injured in the attack on the Kafr Nabudah vegetable market in the southern countryside of Idlib.',
    'Rescue teams worked for hours to reach people trapped under two destroyed buildings, he said, adding that the injured were transferred to a hospital in Qalaat al-Madiq.',
    'The Syrian Observatory for Human Rights reported the death toll as 12.',
    'The Idlib de-escalation zone, home to around 4 million civilians, has been the target of intense attacks by the regime and its allies despite an agreement between Turkey and Russia.',
    'More than 400,000 civilians have fled toward the Turkish border in recent months, according to the UN.',
  ].join('\n'),
};

/** A different wire brief (another place, day and event) and a round-up that carries both briefs. */
const OTHER_BRIEF: SyndicationDoc = {
  id: 'brief-aleppo',
  text: [
    'ALEPPO, Syria (AP) — Rebel shelling of a government-held district of Aleppo killed three people on Monday and wounded nine, Syrian state media reported.',
    'The state news agency SANA said rockets fired by what it called terrorist groups struck residential buildings in the New Aleppo neighbourhood in the early evening.',
    'Pictures released by the agency showed a burnt-out car and shattered shop windows on a wide avenue.',
    'The opposition fighters did not comment on the attack, which came a day after government forces captured two villages in the countryside west of the city.',
    'Aleppo, once Syria\'s commercial capital, was retaken by government troops in late 2016 after a months-long siege of its eastern districts.',
  ].join('\n'),
};

const ROUNDUP: SyndicationDoc = {
  id: 'roundup',
  text: [
    'SYRIA DAILY BRIEFING — what happened in the past 24 hours',
    '1. Market strike in Idlib',
    WIRE.slice(0, 5).join(' '),
    '2. Shelling in Aleppo',
    OTHER_BRIEF.text,
    '3. Also today',
    'Aid convoys crossed from Turkey at Bab al-Hawa, the only crossing still open for United Nations deliveries, and the price of bread rose again in Damascus bakeries.',
  ].join('\n\n'),
};

const groupsOf = (r: SyndicationResult) => r.groups.map((g) => g.members);
const pairOf = (r: SyndicationResult, a: string, b: string) => r.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));

/** Deterministic PRNG (mulberry32) so synthetic inputs are the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('comparison words and shingles', () => {
  const rows: [string, string, string[]][] = [
    ['punctuation, dashes and case are separators only', 'BEIRUT (AP) — Strikes kill 11.', ['beirut', 'ap', 'strikes', 'kill', '11']],
    ['apostrophes do not split words', 'Syria\u2019s war, Assad\'s forces', ['syrias', 'war', 'assads', 'forces']],
    ['accents, Arabic diacritics and hamza are dropped; ayn is an apostrophe', 'Sarāqib Maʿarrat مَعَرَّة إدلب', ['saraqib', 'maarrat', 'معرة', 'ادلب']],
    ['Arabic tatweel is dropped', 'ادلـــب', ['ادلب']],
    ['digits stay words', '1,000 people; 23 wounded', ['1', '000', 'people', '23', 'wounded']],
  ];
  for (const [name, input, expected] of rows) test(name, () => assert.deepEqual(comparisonWords(input), expected));

  test('FNV-1a matches the published test vectors', () => {
    assert.equal(fnv1a32(''), 0x811c9dc5);
    assert.equal(fnv1a32('a'), 0xe40c292c);
    assert.equal(fnv1a32('foobar'), 0xbf9cf968);
  });

  test('shingles are sorted and distinct; layout and case do not change them', () => {
    const s = shingleHashes('one two three four five six one two three four five six');
    assert.equal(s.length, 6); // "one..five", "two..six", "three..one", "four..two", "five..three", "six..four"; the rest repeat
    for (let i = 1; i < s.length; i++) assert.ok(s[i - 1] < s[i]);
    assert.deepEqual(shingleHashes('Kill  eleven\nin the\u00A0market, rescuers SAID'), shingleHashes('kill eleven in the market rescuers said'));
  });

  test('a text shorter than the shingle size is one shingle; no words, no shingles', () => {
    assert.equal(shingleHashes('Idlib strike kills four').length, 1);
    assert.equal(shingleHashes(' — ... ').length, 0);
  });
});

describe('syndicationGroups on written texts', () => {
  const all = [...OUTLET_COPIES, REWORDED, WITH_ADDED_PARAGRAPH, TRIMMED, INDEPENDENT_AFP, INDEPENDENT_ANADOLU];
  const r = syndicationGroups(all);

  test('five verbatim outlet copies, the reworded copy, the extended and the trimmed copy form one group', () => {
    assert.deepEqual(groupsOf(r), [['added-paragraph', 'outlet-a', 'outlet-b', 'outlet-c', 'outlet-d', 'outlet-e', 'reworded', 'trimmed']]);
    assert.equal(r.groups[0].id, 'added-paragraph');
    for (const d of OUTLET_COPIES) assert.equal(r.groupOf.get(d.id), 'added-paragraph');
  });

  test('the two independent reports of the same strike stay apart, from each other and from the wire', () => {
    assert.equal(r.groupOf.has('independent-afp'), false);
    assert.equal(r.groupOf.has('independent-aa'), false);
    assert.equal(r.pairs.some((p) => p.a.startsWith('independent') || p.b.startsWith('independent')), false);
  });

  // Measured similarities, recorded so a change of normalisation or thresholds shows up here.
  const rows: [string, string, 'jaccard' | 'containment', number, number][] = [
    // a, b, basis, minimum Jaccard, minimum containment
    ['outlet-a', 'outlet-b', 'jaccard', 0.8, 0.9],
    ['outlet-a', 'outlet-c', 'jaccard', 0.8, 0.9],
    ['outlet-a', 'outlet-e', 'jaccard', 0.8, 0.9],
    ['outlet-a', 'reworded', 'containment', 0.4, 0.6],
    ['added-paragraph', 'outlet-a', 'jaccard', 0.65, 0.9],
    ['outlet-a', 'trimmed', 'containment', 0.4, 0.9],
  ];
  for (const [a, b, basis, minJ, minC] of rows) {
    test(`${a} ~ ${b}: ${basis}`, () => {
      const p = pairOf(r, a, b);
      assert.ok(p, `pair ${a}/${b} verified`);
      assert.equal(p.basis, basis);
      assert.ok(p.jaccard >= minJ, `jaccard ${p.jaccard} ≥ ${minJ}`);
      assert.ok(p.containment >= minC, `containment ${p.containment} ≥ ${minC}`);
      assert.equal(p.inGroup, true);
    });
  }

  test('the two independent reports share little, far below every threshold', () => {
    const a = shingleHashes(INDEPENDENT_AFP.text);
    const b = shingleHashes(INDEPENDENT_ANADOLU.text);
    const w = shingleHashes(WIRE_BODY);
    const overlap = (x: Uint32Array, y: Uint32Array) => x.filter((h) => y.includes(h)).length / Math.min(x.length, y.length);
    assert.ok(overlap(a, b) < 0.1, `afp/aa ${overlap(a, b)}`);
    assert.ok(overlap(a, w) < 0.1, `afp/wire ${overlap(a, w)}`);
    assert.ok(overlap(b, w) < 0.1, `aa/wire ${overlap(b, w)}`);
  });

  test('group similarity is the weakest joining pair', () => {
    const weakest = Math.min(...r.pairs.filter((p) => p.inGroup).map((p) => (p.basis === 'containment' ? p.containment : p.jaccard)));
    assert.ok(r.groups[0].similarity >= weakest && r.groups[0].similarity < 1, String(r.groups[0].similarity));
  });

  test('identical word sequences under different layout are paired as identical', () => {
    const res = syndicationGroups([
      { id: 'x1', text: WIRE_BODY },
      { id: 'x2', text: WIRE.join(' ').replace(/,/g, ' ,') },
    ]);
    assert.deepEqual(res.pairs.map((p) => [p.a, p.b, p.basis, p.jaccard]), [['x1', 'x2', 'identical', 1]]);
    assert.deepEqual(res.groups, [{ id: 'x1', members: ['x1', 'x2'], similarity: 1 }]);
  });
});

describe('a round-up carrying two unrelated briefs', () => {
  const r = syndicationGroups([TRIMMED, OTHER_BRIEF, ROUNDUP, INDEPENDENT_AFP]);

  test('does not make the two briefs copies of each other', () => {
    assert.notEqual(r.groupOf.get('trimmed') ?? 'trimmed', r.groupOf.get('brief-aleppo') ?? 'brief-aleppo');
    assert.equal(r.groups.length, 1);
    assert.equal(r.groups[0].members.length, 2);
    assert.ok(r.groups[0].members.includes('roundup'));
  });

  test('both containments are recorded as pairs, one of them outside the group', () => {
    const toTrimmed = pairOf(r, 'roundup', 'trimmed');
    const toAleppo = pairOf(r, 'brief-aleppo', 'roundup');
    assert.equal(toTrimmed?.basis, 'containment');
    assert.equal(toAleppo?.basis, 'containment');
    assert.deepEqual([toTrimmed?.inGroup, toAleppo?.inGroup].sort(), [false, true]);
  });

  test('independentSources still collapses the round-up with either brief', () => {
    const res = independentSources(
      [
        { claimant: 'sana', documents: ['brief-aleppo', 'roundup'] },
        { claimant: 'white-helmets', documents: ['trimmed'] },
        { claimant: 'white-helmets', documents: ['roundup'] },
      ],
      r,
    );
    assert.equal(res.count, 2);
    assert.deepEqual(res.sources, [
      { claimant: 'sana', documents: ['brief-aleppo', 'roundup'] },
      { claimant: 'white-helmets', documents: ['roundup', 'trimmed'] },
    ]);
  });
});

describe('short and empty texts', () => {
  test('identical headlines group; a near-identical short text does not; no words is skipped', () => {
    const r = syndicationGroups([
      { id: 'h1', text: 'Airstrike kills four in Idlib market' },
      { id: 'h2', text: 'AIRSTRIKE KILLS FOUR IN IDLIB MARKET.' },
      { id: 'h3', text: 'Airstrike kills five in Idlib market' },
      { id: 'e1', text: '' },
      { id: 'e2', text: '***' },
    ]);
    assert.deepEqual(groupsOf(r), [['h1', 'h2']]);
    assert.deepEqual(
      r.skipped.map((s) => [s.id, s.reason]),
      [
        ['e1', 'no-words'],
        ['e2', 'no-words'],
        ['h1', 'too-short'],
        ['h2', 'too-short'],
        ['h3', 'too-short'],
      ],
    );
  });
});

describe('determinism', () => {
  const docs = [...OUTLET_COPIES, REWORDED, WITH_ADDED_PARAGRAPH, TRIMMED, INDEPENDENT_AFP, INDEPENDENT_ANADOLU, OTHER_BRIEF, ROUNDUP];
  const canon = (r: SyndicationResult) => ({ ...r, groupOf: [...r.groupOf.entries()].sort() });
  const expected = canon(syndicationGroups(docs));

  test('the same set in any order gives the same groups, pairs and ids', () => {
    const rnd = prng(7);
    for (let i = 0; i < 12; i++) assert.deepEqual(canon(syndicationGroups(shuffled(docs, rnd))), expected);
  });

  test('group ids are the smallest member id, whatever the input order', () => {
    for (const g of expected.groups) assert.equal(g.id, [...g.members].sort()[0]);
  });
});

describe('independentSources', () => {
  const groupOf = new Map([
    ['ap-1', 'ap-1'],
    ['copy-1', 'ap-1'],
    ['copy-2', 'ap-1'],
  ]);
  const rows: [string, { claimant: string; documents: string[] }[], number][] = [
    ['one claim carried by a wire story and its copies counts once', [{ claimant: 'white-helmets', documents: ['ap-1', 'copy-1', 'copy-2'] }], 1],
    [
      'the same claimant in copies listed as separate claims counts once',
      [
        { claimant: 'sohr', documents: ['ap-1'] },
        { claimant: 'sohr', documents: ['copy-2'] },
      ],
      1,
    ],
    [
      'two claimants in one syndicated story are two sources',
      [
        { claimant: 'sohr', documents: ['ap-1', 'copy-1'] },
        { claimant: 'white-helmets', documents: ['copy-2'] },
      ],
      2,
    ],
    ['witnesses heard by two unrelated newsrooms are two confirmations', [{ claimant: 'witnesses', documents: ['ap-1', 'afp-1'] }], 2],
    [
      'an ungrouped document is its own source unit',
      [
        { claimant: 'medics', documents: ['afp-1'] },
        { claimant: 'medics', documents: ['afp-1'] },
      ],
      1,
    ],
    ['no claims, no sources', [], 0],
  ];
  for (const [name, claims, count] of rows) test(name, () => assert.equal(independentSources(claims, { groupOf }).count, count));

  test('singleSource makes every outlet quoting a monitor one source', () => {
    const claims = [
      { claimant: 'sohr', documents: ['ap-1', 'afp-1'] },
      { claimant: 'sohr', documents: ['aa-1'] },
      { claimant: 'witnesses', documents: ['afp-1', 'aa-1'] },
    ];
    const res = independentSources(claims, { groupOf }, { singleSource: (c) => c === 'sohr' });
    assert.equal(res.count, 3);
    assert.deepEqual(res.sources, [
      { claimant: 'sohr', documents: ['aa-1', 'afp-1', 'ap-1'] },
      { claimant: 'witnesses', documents: ['aa-1'] },
      { claimant: 'witnesses', documents: ['afp-1'] },
    ]);
  });
});

describe('errors', () => {
  test('a duplicate id names the id and both positions', () => {
    assert.throws(
      () => syndicationGroups([{ id: 'a', text: 'x' }, { id: 'b', text: 'y' }, { id: 'a', text: 'z' }]),
      (e: unknown) => e instanceof SyndicationInputError && e.index === 2 && e.docId === 'a' && /document 2 \(id "a"\): duplicate id \(also document 0\)/.test(e.message),
    );
  });

  test('a missing text names the document', () => {
    assert.throws(
      () => syndicationGroups([{ id: 'a', text: undefined as unknown as string }]),
      (e: unknown) => e instanceof SyndicationInputError && /document 0 \(id "a"\): text must be a string, got undefined/.test(e.message),
    );
  });

  const bad: [string, Record<string, number>, RegExp][] = [
    ['shingle size zero', { shingleSize: 0 }, /shingleSize: 0 is invalid; expected an integer ≥ 1/],
    ['fractional rows', { rows: 2.5 }, /rows: 2.5 is invalid/],
    ['threshold above one', { jaccardThreshold: 1.2 }, /jaccardThreshold: 1.2 is invalid; expected a number in \(0, 1\]/],
    ['zero floor', { groupFloor: 0 }, /groupFloor: 0 is invalid/],
  ];
  for (const [name, opts, message] of bad) {
    test(`option error: ${name}`, () => {
      assert.throws(() => syndicationGroups([], opts), (e: unknown) => e instanceof SyndicationOptionsError && message.test(e.message));
    });
  }
});

describe('scale: 10,000 documents', () => {
  // Formulaic reports (the shape of daily monitor bulletins) with slot values drawn at random,
  // plus random filler; 400 of them are republished, half verbatim under a new headline, half
  // with two sentences rewritten. Nothing else may group.
  const TOWNS = Array.from({ length: 300 }, (_, i) => `town${i.toString(36)}`);
  const WORDS = Array.from({ length: 4000 }, (_, i) => `w${(i * 7919).toString(36)}`);
  const TEMPLATES: ((r: () => string, n: () => number) => string)[] = [
    (t, n) => `Activists documented the death of ${n()} civilians in ${t()} after warplanes struck the town on ${t()} road.`,
    (t, n) => `The Syrian Observatory said ${n()} people were wounded in ${t()} and ${n()} more in ${t()}.`,
    (t, n) => `Rescuers in ${t()} pulled ${n()} bodies from the rubble of ${n()} buildings near the ${t()} mosque.`,
    (t, n) => `Shelling by government forces hit ${t()} and ${t()} for the ${n()}th day running.`,
    (t, n) => `Local sources said ${n()} families fled ${t()} towards ${t()} during the night.`,
  ];

  function makeDoc(rnd: () => number): string {
    const t = () => TOWNS[Math.floor(rnd() * TOWNS.length)];
    const n = () => 1 + Math.floor(rnd() * 60);
    const sentences: string[] = [];
    for (let s = 0; s < 10; s++) {
      if (s % 2 === 0) sentences.push(TEMPLATES[Math.floor(rnd() * TEMPLATES.length)](t, n));
      else sentences.push(Array.from({ length: 12 }, () => WORDS[Math.floor(rnd() * rnd() * WORDS.length)]).join(' ') + '.');
    }
    return sentences.join(' ');
  }

  test('planted copies are found, nothing else groups, with fewer exact comparisons than documents', () => {
    const rnd = prng(2024);
    const docs: SyndicationDoc[] = [];
    for (let i = 0; i < 9600; i++) docs.push({ id: `d${String(i).padStart(5, '0')}`, text: makeDoc(rnd) });
    const planted: [string, string][] = [];
    for (let c = 0; c < 400; c++) {
      const src = docs[c * 23];
      const sentences = src.text.split('. ');
      let text: string;
      if (c % 2 === 0) text = `Headline number ${c}\n${src.text}\nShare this story`;
      else {
        sentences[1] = makeDoc(rnd).split('. ')[1];
        sentences[6] = makeDoc(rnd).split('. ')[6];
        text = sentences.join('. ');
      }
      const id = `copy${String(c).padStart(4, '0')}`;
      docs.push({ id, text });
      planted.push([src.id, id]);
    }
    // Near-linear work is asserted by the number of pairs verified exactly (about 3,800 here, versus
    // 50 million possible pairs), not by a clock: timed tests are flaky (commit 20cd9c9). The run
    // takes about 1.3 s on the development machine.
    const r = syndicationGroups(docs);
    assert.ok(r.stats.candidates < docs.length, `${r.stats.candidates} candidate pairs for ${docs.length} documents`);
    assert.equal(r.groups.length, planted.length);
    for (const [a, b] of planted) assert.equal(r.groupOf.get(a), r.groupOf.get(b) ?? 'missing', `${a} with ${b}`);
  });
});
