/**
 * Lines of scraped news pages that are page furniture, not reporting: embed labels, related-link
 * headers, share/subscribe prompts, bylines and credit lines, photo credits, copyright notices,
 * timestamp and reading-time widgets, lines that are only a date. Kept as data, each with a stable
 * id (reported as the segment's rule) and an example that the tests check against its own pattern.
 * A pattern is tested against one whole line (trimmed, bullet marker removed) of at most
 * MAX_BOILERPLATE_LINE characters; anchors in the pattern decide whether it must match the whole
 * line or only its start or end.
 */

export interface BoilerplatePattern {
  id: string;
  pattern: RegExp;
  example: string;
}

/** Longer lines are never boilerplate (captions and credit lines are short). */
export const MAX_BOILERPLATE_LINE = 300;

// Shared pieces of the date/time patterns (sources, composed below).
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const DATE =
  `(?:${MONTH}\\s+${DAY}(?:,?\\s+\\d{4})?|${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+\\d{4})?|${MONTH},?\\s+\\d{4}` +
  '|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4})';
const ZONE = '(?:gmt|utc|bst|cet|cest|eet|eest|est|edt|ast|msk|trt)(?:\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?)?';
const TIME = `\\d{1,2}[:.]\\d{2}(?::\\d{2})?(?:\\s*[ap]\\.?m\\.?)?(?:\\s*(?:${ZONE}|[+-]\\d{2}:?\\d{2}))?`;
const SEP = '\\s*[,|-]?\\s*(?:at\\s+)?';
const DATETIME = `(?:${WEEKDAY}[,\\s]+)?(?:${DATE}(?:${SEP}${TIME})?|${TIME}${SEP}${DATE})`;
const AGENCY = '(?:AA|AFP|AP|Reuters|SANA|DPA|Xinhua|IRNA|ANI|Anadolu(?:\\s+Agency)?)';
// A person's name in a byline: two or more capitalised words, or one all-caps word (an agency).
const NAME_WORD = "[A-Z][\\p{L}'.-]*";
const PARTICLE = "(?:al|el|de|da|van|von|bin|ibn|abu|bint)-?(?:[A-Z][\\p{L}'.-]*)?";
const NAME = `(?:${NAME_WORD}(?:\\s+(?:${NAME_WORD}|${PARTICLE}))+|[A-Z]{2,})`;

const re = (source: string, flags = 'i'): RegExp => new RegExp(source, flags);

export const BOILERPLATE_PATTERNS: readonly BoilerplatePattern[] = [
  {
    id: 'social-embed-label',
    pattern: re('^(?:twitter|facebook|instagram|youtube|tiktok|telegram|x)\\s+(?:post|video|embed|tweet)$'),
    example: 'Twitter Post',
  },
  {
    id: 'related-links',
    pattern: re('^related(?:\\s+(?:articles?|news|stories|posts?|content|coverage|reading|topics|links))?\\s*:?$'),
    example: 'Related Articles',
  },
  {
    id: 'read-more',
    pattern: re('^(?:read|see)\\s+(?:more|also)\\b'),
    example: 'Read More: Rebels retake village in Hama countryside',
  },
  {
    id: 'more-links',
    pattern: re(
      '^(?:also\\s+read|check\\s+also|you\\s+(?:may|might)\\s+also\\s+like|recommended(?:\\s+for\\s+you)?|most\\s+(?:read|popular|viewed)|live\\s+story|top\\s+stories|more\\s+stories)(?:\\s*:.*)?$',
    ),
    example: 'Check Also',
  },
  {
    id: 'comments',
    pattern: re('^(?:discussion\\s+about\\s+this\\s+post|comments?(?:\\s*\\(\\d+\\))?|leave\\s+a\\s+(?:comment|reply)|post\\s+a\\s+comment|\\d+\\s+comments?)$'),
    example: 'Discussion about this post',
  },
  {
    id: 'share',
    pattern: re('^share(?:\\s+(?:this|on|via)\\b.*)?\\s*:?$'),
    example: 'Share this:',
  },
  {
    id: 'advertisement',
    pattern: re(
      '^(?:advertisement|advertising|ad|sponsored(?:\\s+content)?|story\\s+continues\\s+below(?:\\s+advertisement)?|scroll\\s+to\\s+continue(?:\\s+with\\s+content)?|continue\\s+reading(?:\\s+below)?)\\s*:?$',
    ),
    example: 'ADVERTISEMENT',
  },
  { id: 'subscribe', pattern: re('^subscribe\\b'), example: 'Subscribe to our daily newsletter' },
  { id: 'sign-up', pattern: re('^sign\\s+up\\b'), example: 'Sign up for our Middle East briefing' },
  { id: 'click-here', pattern: re('^click\\s+here\\b'), example: 'Click here to watch the video' },
  {
    id: 'follow-us',
    pattern: re(
      '^follow\\s+(?:us\\b|.{1,60}?\\bon\\s+(?:twitter|facebook|instagram|telegram|youtube|whatsapp|linkedin|tiktok|x|google\\s+news)\\b)',
    ),
    example: 'Follow us on Telegram',
  },
  {
    id: 'byline',
    pattern: re(
      `^(?:By|BY)\\s+${NAME}(?:\\s*(?:,|&|\\band\\b)\\s*${NAME})*(?:\\s*[,/-]\\s*${NAME_WORD}(?:\\s+${NAME_WORD})*|\\s*\\|.{0,80})?$`,
      'u',
    ),
    example: 'By Jane Doe and John Roe, AP',
  },
  {
    id: 'reporting-credits',
    pattern: re('^\\(?\\s*(?:additional\\s+)?(?:reporting|writing|editing|compiled|produced|translated)\\s+by\\b'),
    example: 'Reporting by Jane Doe in Beirut; Editing by John Roe',
  },
  {
    id: 'photo-label',
    pattern: re('^(?:photo|photos|photograph|image|picture|video|file\\s+photo|caption)(?:\\s+credits?)?\\s*:'),
    example: 'Photo: AFP / Syrian Civil Defence',
  },
  {
    id: 'agency-photo',
    pattern: re('^\\(?\\s*(?:[\\w.&-]+\\s+){0,3}photos?\\s*\\)?\\.?$'),
    example: '(AFP Photo)',
  },
  {
    id: 'photo-by',
    pattern: re('\\(?\\bphoto(?:graph)?\\s+by\\s+[^()]{1,100}\\)?\\.?$'),
    example: 'Rescuers search the rubble in Ariha. (Photo by Jane Doe/AFP)',
  },
  { id: 'getty-images', pattern: re('\\bgetty\\s+images\\)?\\.?$'), example: 'Jane Doe/AFP via Getty Images' },
  {
    id: 'agency-slash-credit',
    pattern: re("\\b(?:REUTERS|Reuters|AFP|AP|EPA|AA|SANA|UPI|Anadolu)(?:\\s+PHOTO)?\\s*/\\s*[A-Z][\\p{L}'.-]*(?:\\s+[A-Z][\\p{L}'.-]*){0,4}\\)?\\.?$", 'u'),
    example: 'Smoke rises over the town of Ariha, May 5, 2019. REUTERS/Jane Doe',
  },
  { id: 'copyright', pattern: re('^(?:copyright\\b|©|\\(c\\)\\s*\\d{4})'), example: '© 2024 Example News Agency' },
  { id: 'rights-reserved', pattern: re('\\ball\\s+rights\\s+reserved\\.?$'), example: 'All rights reserved.' },
  {
    id: 'timestamp-line',
    pattern: re(`^(?:last\\s+)?(?:update[ds]?|published|posted|modified|first\\s+published)(?:\\s+on)?\\s*:?\\s*${DATETIME}(?:\\s+by\\s+[^.]{1,60})?\\.?$`),
    example: 'Update 14:45 29 April',
  },
  {
    id: 'agency-timestamp',
    pattern: re(`^${AGENCY}\\s+${DATETIME}$`),
    example: 'AA  Friday 16:02, 07 October 2022',
  },
  { id: 'date-only', pattern: re(`^${DATETIME}\\.?$`), example: 'August 16, 2017' },
  {
    id: 'reading-time',
    pattern: re('^(?:\\d{1,3}\\s*-?\\s*min(?:ute)?s?\\.?\\s+read|reading\\s+time\\s*:?\\s*\\d{1,3}\\s*min(?:ute)?s?\\.?)$'),
    example: '4 min read',
  },
  {
    id: 'tweet-attribution',
    pattern: re(`\\(@\\w{1,15}\\)\\s+${DATE}$`),
    example: '- Jane Doe (@janedoe_news) April 4, 2017',
  },
  { id: 'separator', pattern: re('^[^\\p{L}\\p{N}]+$', 'u'), example: '* * *' },
];

/** The first pattern matching `line` (trimmed), or null. */
export function matchBoilerplate(line: string): BoilerplatePattern | null {
  if (line.length > MAX_BOILERPLATE_LINE) return null;
  for (const p of BOILERPLATE_PATTERNS) if (p.pattern.test(line)) return p;
  return null;
}
