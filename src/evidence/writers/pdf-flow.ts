/**
 * The PDF's pages after the cover: sections (the summary, the parameters, then each table of the report) laid
 * out row by row, each table's title and header row repeated at the top of every page it runs onto. The same
 * flow runs twice: once without a document, to count the pages ("Page N of M" needs M before page 1 is
 * written, and pdfkit's bufferPages would keep every page in memory: 5,687 for the 108k-row benchmark), then to draw.
 * Both passes make the same decisions from the same rows, so they count the same pages.
 */
import type * as fontkit from 'fontkit';
import type { ReportCell, ReportColumn } from '../report-model.ts';
import { type FontName, type Line, type TextLayout, type TextStyle } from './text-layout.ts';

export const PAGE = { width: 841.89, height: 595.28, margin: 36 } as const; // A4 landscape, in points
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const CONTENT_BOTTOM = PAGE.height - PAGE.margin;
const SIZE = { body: 7.5, title: 11 } as const;
const LINE = 1.3; // line height, as a multiple of the font size
const PAD = { x: 3, y: 2.5 } as const;
/** The most lines a cell takes in the PDF; longer cells end with an ellipsis (the CSV and JSON keep them whole). */
const MAX_CELL_LINES = 4;
const MAX_HEADER_LINES = 3;
const MAX_NOTE_LINES = 2;
const TITLE_HEIGHT = SIZE.title * LINE + 6;

export type Section = {
  title: string;
  /** A line under the title, on its first page (what the table leaves to the CSV and JSON). */
  note?: string;
  columns: readonly ReportColumn[];
  rows: () => AsyncIterable<Record<string, ReportCell>>;
  /** Start on a page of its own; otherwise it follows the previous section when a few rows still fit. */
  newPage: boolean;
};

/** What draws the pages; absent in the counting pass. `startPage` adds a page (with its footer) and may wait for the reader. */
export type Painter = { doc: PDFKit.PDFDocument; startPage: (page: number) => Promise<void> };

type Cell = { lines: Line[] };

/** Lays the sections out from page `firstPage`; draws them when given a painter. Returns the last page's number. */
export async function flowSections(sections: readonly Section[], layout: TextLayout, firstPage: number, painter?: Painter): Promise<number> {
  let page = firstPage - 1;
  let y = CONTENT_BOTTOM; // as if the page before were full: the first section starts a page
  const newPage = async () => {
    page++;
    y = PAGE.margin;
    if (painter) await painter.startPage(page);
  };

  for (const section of sections) {
    const widths = columnWidths(section.columns);
    const header = section.columns.map((c, i) => ({ lines: layout.wrap(c.label, 'bold', SIZE.body, widths[i]! - 2 * PAD.x - 1, MAX_HEADER_LINES) }));
    const headerHeight = rowHeight(header);
    const note = section.note === undefined ? [] : layout.wrap(section.note, 'regular', SIZE.body, CONTENT_WIDTH, MAX_NOTE_LINES);
    const noteHeight = note.length * SIZE.body * LINE + (note.length > 0 ? PAD.y * 2 : 0);
    const top = (continued: boolean) => {
      if (painter) drawTitle(painter.doc, layout, continued ? `${section.title} (continued)` : section.title, y);
      y += TITLE_HEIGHT;
      if (!continued && note.length > 0) {
        if (painter) drawNote(painter.doc, note, y);
        y += noteHeight;
      }
      if (painter) drawRow(painter.doc, header, widths, y, headerHeight, 'bold', '#e4e4e4');
      y += headerHeight;
    };
    const minimum = TITLE_HEIGHT + noteHeight + headerHeight + 3 * (SIZE.body * LINE + 2 * PAD.y);
    if (section.newPage || y + minimum > CONTENT_BOTTOM) await newPage();
    else y += 12;
    top(false);

    let index = 0;
    for await (const row of section.rows()) {
      const cells = section.columns.map((c, i) => ({ lines: layout.wrap(cellText(row[c.key]), 'regular', SIZE.body, widths[i]! - 2 * PAD.x - 1, MAX_CELL_LINES) }));
      const height = rowHeight(cells);
      if (y + height > CONTENT_BOTTOM) {
        await newPage();
        top(true);
      }
      if (painter) drawRow(painter.doc, cells, widths, y, height, 'regular', index % 2 === 1 ? '#f4f4f4' : undefined);
      y += height;
      index++;
    }
    if (index === 0) {
      const none = [{ lines: [layout.line('No rows.')] }];
      if (painter) drawRow(painter.doc, none, [CONTENT_WIDTH], y, rowHeight(none), 'regular');
      y += rowHeight(none);
    }
  }
  return page;
}

/**
 * A cell as the PDF shows it: ISO 8601 UTC to the second (milliseconds, kept by the CSV and JSON, would take a
 * timestamp column a fifth wider on paper), numbers grouped, yes/no.
 */
export function cellText(cell: ReportCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return `${cell.toISOString().slice(0, 19)}Z`;
  if (typeof cell === 'number') return NUMBER.format(cell);
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return cell;
}
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Draws one line of runs, each in its font, from (x, y) (the top of the line). */
export function drawLine(doc: PDFKit.PDFDocument, line: Line, x: number, y: number, size: number): void {
  drawText(doc, [textOf(doc, line, x, y, size)]);
}

/**
 * Text operators for one line: each run placed and shown in its font. pdfkit's text() costs about 0.15 ms a run
 * (options, measuring again, a save/transform/restore per call), half the time of a 108k-row PDF; the rows
 * already know where each run goes and how wide it is, so they write PDF text operators themselves through
 * pdfkit's font objects, which still subset the glyphs and map them back to Unicode for copy and pdftotext.
 */
function textOf(doc: PDFKit.PDFDocument, line: Line, x: number, y: number, size: number): string {
  const ops: string[] = [];
  let at = x;
  for (const run of line.runs) {
    const font = embeddedFont(doc, run.font);
    const [glyphs] = font.encode(run.text);
    const baseline = doc.page.height - y - (font.ascender / 1000) * size;
    ops.push(`1 0 0 1 ${at.toFixed(2)} ${baseline.toFixed(2)} Tm /${font.id} ${size} Tf <${glyphs.join('')}> Tj`);
    const fonts = doc.page.fonts as Record<string, unknown>;
    fonts[font.id] ??= font.ref();
    at += run.width * size;
  }
  return ops.join('\n');
}

/** One text object; pdfkit's pages draw with y downwards, PDF text wants it upwards, hence the flip. */
function drawText(doc: PDFKit.PDFDocument, ops: readonly string[]): void {
  if (ops.length > 0) doc.addContent(`q 1 0 0 -1 0 ${doc.page.height.toFixed(2)} cm BT\n${ops.join('\n')}\nET Q`);
}

/** The part of pdfkit's EmbeddedFont (pdfkit 0.20, js/pdfkit.js) the writers use. */
type EmbeddedFont = {
  id: string;
  font: fontkit.Font;
  scale: number;
  ascender: number;
  ref: () => unknown;
  encode: (text: string) => [string[], GlyphPosition[]];
  layout: (text: string) => { glyphs: fontkit.Glyph[]; positions: GlyphPosition[]; advanceWidth: number };
};
type GlyphPosition = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number };

const opened = new WeakMap<PDFKit.PDFDocument, Map<FontName, EmbeddedFont>>();

/**
 * pdfkit's font object for a registered font, opened once per document. pdfkit lays out each text through
 * fontkit's OpenType shaping (GSUB and GPOS lookups), which with the CJK fonts cost about 9 ms per table row:
 * 16 minutes for 108k rows. The scripts these fonts serve need no shaping here (text is NFC-normalised, so
 * letters are precomposed; ideographs and Hangul syllables are one glyph each), so the font lays text out one
 * glyph per character from the cmap, with the same advance widths text-layout.ts wraps with (no kerning).
 * This reaches into pdfkit; the PDF tests, which read the text back with pdftotext, fail if an upgrade moves it.
 */
function embeddedFont(doc: PDFKit.PDFDocument, name: FontName): EmbeddedFont {
  let fonts = opened.get(doc);
  if (!fonts) opened.set(doc, (fonts = new Map()));
  let embedded = fonts.get(name);
  if (!embedded) {
    embedded = (doc.font(name) as unknown as { _font: EmbeddedFont })._font;
    const font = embedded;
    const cache = new Map<number, { glyph: fontkit.Glyph; advance: number }>();
    font.layout = (text) => {
      const glyphs: fontkit.Glyph[] = [];
      const positions: GlyphPosition[] = [];
      let advanceWidth = 0;
      for (const ch of text) {
        const codePoint = ch.codePointAt(0)!;
        let known = cache.get(codePoint);
        if (!known) {
          const glyph = font.font.glyphForCodePoint(codePoint);
          known = { glyph, advance: glyph.advanceWidth * font.scale };
          cache.set(codePoint, known);
        }
        glyphs.push(known.glyph);
        positions.push({ xAdvance: known.advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: known.advance });
        advanceWidth += known.advance;
      }
      return { glyphs, positions, advanceWidth };
    };
    fonts.set(name, font);
  }
  return embedded;
}

function columnWidths(columns: readonly ReportColumn[]): number[] {
  const total = columns.reduce((sum, c) => sum + (c.width ?? 1), 0);
  return columns.map((c) => (CONTENT_WIDTH * (c.width ?? 1)) / total);
}

function rowHeight(cells: readonly Cell[]): number {
  return Math.max(1, ...cells.map((c) => c.lines.length)) * SIZE.body * LINE + 2 * PAD.y;
}

function drawTitle(doc: PDFKit.PDFDocument, layout: TextLayout, title: string, y: number): void {
  const [line] = layout.wrap(title, 'bold', SIZE.title, CONTENT_WIDTH, 1);
  drawLine(doc, line!, PAGE.margin, y, SIZE.title);
}

function drawNote(doc: PDFKit.PDFDocument, lines: readonly Line[], y: number): void {
  doc.fillColor('#555555');
  drawText(doc, lines.map((line, n) => textOf(doc, line, PAGE.margin, y + n * SIZE.body * LINE, SIZE.body)));
  doc.fillColor('black');
}

function drawRow(doc: PDFKit.PDFDocument, cells: readonly Cell[], widths: readonly number[], y: number, height: number, style: TextStyle, fill?: string): void {
  if (fill) doc.rect(PAGE.margin, y, CONTENT_WIDTH, height).fill(fill).fillColor('black');
  const ops: string[] = [];
  let x = PAGE.margin;
  cells.forEach((cell, i) => {
    cell.lines.forEach((line, n) => ops.push(textOf(doc, line, x + PAD.x, y + PAD.y + n * SIZE.body * LINE, SIZE.body)));
    x += widths[i]!;
  });
  drawText(doc, ops);
  if (style === 'bold') doc.moveTo(PAGE.margin, y + height).lineTo(PAGE.margin + CONTENT_WIDTH, y + height).lineWidth(0.5).stroke('#888888');
}
