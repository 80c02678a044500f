/**
 * Text for the PDF in any script: each character drawn in the first embedded font that has it (Noto Sans for
 * Latin, Greek and Cyrillic; Noto Sans SC for Han and kana; Noto Sans KR for Hangul), all three read from npm
 * packages so no system font is assumed. Widths come from the fonts' advance widths, cached per character, so
 * a cell is wrapped (and counted, for "Page N of M") without laying it out through pdfkit.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

/** The fonts, by the name pdfkit registers them under. Regular weights only, and bold for Latin headings. */
const FONT_FILES = {
  sans: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  sansBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  han: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  hangul: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;
export type TextStyle = 'regular' | 'bold';

/** Which fonts are tried, in order, for a character. CJK has no bold here: a bold heading's Han stays regular. */
const FALLBACK: Record<TextStyle, readonly FontName[]> = { regular: ['sans', 'han', 'hangul'], bold: ['sansBold', 'han', 'hangul'] };

/** A run of text in one font, and its width at 1 pt. */
export type Run = { font: FontName; text: string; width: number };
/** One line of a wrapped text: its runs and its width at 1 pt. */
export type Line = { runs: Run[]; width: number };

type Glyph = { font: FontName; advance: number };
type Char = { text: string; glyph: Glyph };

const ELLIPSIS = '\u2026';
/** After these a line may break (paths, ARNs, e-mail addresses and lists are long words without spaces). */
const BREAK_AFTER = new Set([' ', '/', ':', ',', ';', '-', '_', '.', '@', '|', '#', '=', '&', '?', ')']);

let files: Record<FontName, Buffer> | undefined;

/** The font files (about 27 MB), read once per process. */
export function fontFiles(): Record<FontName, Buffer> {
  files ??= Object.fromEntries(Object.entries(FONT_FILES).map(([name, path]) => [name, readFileSync(require.resolve(path))])) as Record<FontName, Buffer>;
  return files;
}

export class TextLayout {
  private readonly fonts: Record<FontName, { font: fontkit.Font; scale: number }>;
  private readonly glyphs: Record<TextStyle, Map<number, Glyph>> = { regular: new Map(), bold: new Map() };

  constructor(data: Record<FontName, Buffer> = fontFiles()) {
    this.fonts = Object.fromEntries(
      Object.entries(data).map(([name, buffer]) => {
        const font = fontkit.create(buffer);
        return [name, { font, scale: 1 / font.unitsPerEm }];
      }),
    ) as TextLayout['fonts'];
  }

  /** The text as one line (no wrapping): for labels that always fit, such as the footer. */
  line(text: string, style: TextStyle = 'regular'): Line {
    const line: Line = { runs: [], width: 0 };
    for (const ch of cleaned(text)) addChar(line, ch, this.glyph(ch, style));
    return line;
  }

  /**
   * The text wrapped to `width` points at `size`, at most `maxLines` lines; what does not fit ends the last line
   * with an ellipsis (the CSV and JSON keep every cell whole). Breaks at spaces and after the separators of ARNs
   * and paths, between CJK characters, and inside a word only when nothing else fits.
   */
  wrap(text: string, style: TextStyle, size: number, width: number, maxLines: number): Line[] {
    const max = width / size;
    const clean = cleaned(text);
    // Most cells fit on one line: measured without building a character list first.
    let total = 0;
    for (const ch of clean) {
      if (ch === '\n') {
        total = Infinity;
        break;
      }
      total += this.glyph(ch, style).advance;
    }
    if (total <= max) return [this.line(clean, style)];
    const chars: Char[] = [...clean].map((ch) => ({ text: ch, glyph: this.glyph(ch, style) }));

    const lines: Char[][] = [];
    let line: Char[] = [];
    let lineWidth = 0;
    let truncated = false;
    const close = (keep: Char[]) => {
      while (keep.length > 0 && keep.at(-1)!.text === ' ') keep.pop();
      lines.push(keep);
    };
    for (const char of chars) {
      if (lines.length === maxLines) {
        truncated = true;
        break;
      }
      if (char.text === '\n') {
        close(line);
        [line, lineWidth] = [[], 0];
        continue;
      }
      if (line.length > 0 && lineWidth + char.glyph.advance > max) {
        const at = isWide(char.text) ? line.length : lastBreak(line);
        const rest = at > 0 && at < line.length ? line.splice(at) : [];
        close(line);
        line = rest;
        lineWidth = rest.reduce((w, c) => w + c.glyph.advance, 0);
        if (lines.length === maxLines) {
          truncated = true;
          break;
        }
      }
      if (line.length === 0 && char.text === ' ') continue;
      line.push(char);
      lineWidth += char.glyph.advance;
    }
    if (!truncated && line.length > 0) lines.push(line);
    if (truncated) {
      const last = lines[maxLines - 1]!;
      const ellipsis = { text: ELLIPSIS, glyph: this.glyph(ELLIPSIS, 'regular') };
      let lastWidth = last.reduce((w, c) => w + c.glyph.advance, 0);
      while (last.length > 0 && lastWidth + ellipsis.glyph.advance > max) lastWidth -= last.pop()!.glyph.advance;
      last.push(ellipsis);
    }
    return lines.map(toLine);
  }

  private glyph(ch: string, style: TextStyle): Glyph {
    const codePoint = ch.codePointAt(0)!;
    let glyph = this.glyphs[style].get(codePoint);
    if (!glyph) {
      const chain = FALLBACK[style];
      // A character no font has is drawn in the first, as its "missing glyph" box, so it is seen to be there.
      const name = chain.find((f) => this.fonts[f].font.hasGlyphForCodePoint(codePoint)) ?? chain[0]!;
      const { font, scale } = this.fonts[name];
      glyph = { font: name, advance: font.glyphForCodePoint(codePoint).advanceWidth * scale };
      this.glyphs[style].set(codePoint, glyph);
    }
    return glyph;
  }
}

/** NFC (precomposed letters, which need no shaping), control characters (tabs, CR, other C0/C1) as spaces, CRLF as one line break. */
function cleaned(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/(?!\n)\p{Cc}/gu, ' ');
}
const PRINTABLE_ASCII = /^[ -~]*$/;

/** Where the line may be cut: after the last separator (index of the first character of the next line), or 0. */
function lastBreak(line: Char[]): number {
  for (let i = line.length - 1; i > 0; i--) {
    if (BREAK_AFTER.has(line[i - 1]!.text) || isWide(line[i - 1]!.text) || isWide(line[i]!.text)) return i;
  }
  return 0;
}

/** CJK ideographs, kana, Hangul and full-width forms: a line may break between any two of them. */
function isWide(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || c >= 0x20000;
}

function toLine(chars: Char[]): Line {
  const line: Line = { runs: [], width: 0 };
  for (const { text, glyph } of chars) addChar(line, text, glyph);
  return line;
}

/** Appends a character to the line's last run, or starts a run when its font differs. */
function addChar(line: Line, text: string, glyph: Glyph): void {
  const last = line.runs.at(-1);
  if (last && last.font === glyph.font) {
    last.text += text;
    last.width += glyph.advance;
  } else {
    line.runs.push({ font: glyph.font, text, width: glyph.advance });
  }
  line.width += glyph.advance;
}
