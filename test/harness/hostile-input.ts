/**
 * Values an attacker or a careless client sends, for the API fuzz test: a fixed catalogue (each kind named
 * in issue 10 at least once, run on every field) and a fast-check arbitrary that mixes the catalogue with
 * generated strings, numbers, dates and structures.
 */
import fc from 'fast-check';

/**
 * A value for one field. `json` is what goes in a JSON body (any JSON type); in a URL it is rendered as
 * text. `raw` is put into a URL as is, without percent-encoding, for bytes no encoder would produce.
 */
export type Hostile = { json: unknown; raw?: string };

// One or two of each kind, since every value runs on every input of every route: the catalogue's size is the test's time.
const STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', 'é😀\u202E', 'a'.repeat(5000), "' or 1=1; --", '%_\\"}{',
  '-1', '1e999', '9007199254740993', 'not-a-uuid', '00000000-0000-0000-0000-000000000000',
  '0000-01-01T00:00:00Z', '99999-01-01T00:00:00Z', '9999-12-31T23:59:59.999-12:00', '2024-02-30T00:00:00Z', '__proto__',
];

const NUMBERS = [0, -1, 1.5, 1e308, 2 ** 53 + 2];

const STRUCTURES: unknown[] = [true, null, [], ['a', 'b'], {}, JSON.parse('{"__proto__":{"polluted":true}}')];

/** In a URL only: malformed or overlong percent-encodings (`%C0%80` is an overlong NUL, `%ED%A0%80` a lone surrogate). */
const RAW_URL = ['%E0%A4%A', '%ZZ', '%C0%80', '%ED%A0%80', '%00'];

/** In a URL every value is text: numbers and structures add nothing there that the strings do not. */
export const URL_CATALOGUE: Hostile[] = [...STRINGS.map((json) => ({ json })), { json: ['a', 'b'] }, ...RAW_URL.map((raw) => ({ json: raw, raw }))];

export const BODY_CATALOGUE: Hostile[] = [...STRINGS, ...NUMBERS, ...STRUCTURES].map((json) => ({ json }));

/**
 * For inputs no schema declares (an unexpected query parameter, an unknown or prototype key in a body,
 * the body as a whole): what the server-wide checks and the parsers must refuse, and structures where
 * an object is expected. The field-by-field catalogue adds nothing there.
 */
export const UNDECLARED_CATALOGUE: Hostile[] = [
  ...['\u0000', 'x\uDFFFy', 'a'.repeat(5000), "' or 1=1; --"].map((json) => ({ json })),
  ...[null, [], 1, { polluted: true }, { nested: ['\u0000'] }].map((json) => ({ json })),
];

/** Characters that PostgreSQL text or UTF-8 cannot hold, mixed into generated strings. */
const hostileChar = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF') },
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

const isoLike = fc.integer({ min: -300_000, max: 300_000 }).map((year) => {
  const y = year < 0 ? `-${String(-year).padStart(6, '0')}` : year > 9999 ? `+${String(year).padStart(6, '0')}` : String(year).padStart(4, '0');
  return `${y}-01-01T00:00:00Z`;
});

/** Generated hostile values: the catalogue, strings with NUL and surrogates, numbers, dates far away, structures. */
export const hostileValue: fc.Arbitrary<Hostile> = fc.oneof(
  fc.constantFrom(...BODY_CATALOGUE),
  fc.string({ unit: hostileChar, maxLength: 40 }).map((json) => ({ json })),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(Number)).map((json) => ({ json })),
  isoLike.map((json) => ({ json })),
  fc.jsonValue({ maxDepth: 2 }).map((json) => ({ json })),
);

// With the u flag a well-formed pair is one code point, so only unpaired surrogates fall in the range.
// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

/** True when `value` holds a string with a NUL or an unpaired surrogate anywhere inside it. */
export function holdsUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (Array.isArray(value)) return value.some(holdsUnstorableText);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => holdsUnstorableText(k) || holdsUnstorableText(v));
  return false;
}

/** What the server reads from the value in a URL: the text, or each text of a repeated parameter. */
export function textInUrl(h: Hostile): string | string[] {
  if (h.raw !== undefined) return h.raw;
  if (Array.isArray(h.json)) return h.json.map((item) => (typeof item === 'string' ? item : JSON.stringify(item) ?? ''));
  return typeof h.json === 'string' ? h.json : JSON.stringify(h.json) ?? '';
}

/**
 * Percent-encodes text as UTF-8, lone surrogates included (as the three bytes a lenient encoder writes,
 * `%ED%A0%80`), which `encodeURIComponent` refuses to do.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pairsWithNext = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pairsWithNext) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit < 0xd800 || unit > 0xdfff) {
      out += encodeURIComponent(text[i]!);
    } else {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
  }
  return out;
}

/** The value as URL text: strings as they are, anything else as JSON. */
export function urlText(h: Hostile): string {
  if (h.raw !== undefined) return h.raw;
  return percentEncode(typeof h.json === 'string' ? h.json : JSON.stringify(h.json) ?? '');
}
