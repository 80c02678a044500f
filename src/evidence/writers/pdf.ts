import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { RrcuError } from '../../core/errors.ts';
import type { Report, ReportTable } from '../report-model.ts';
import { WRITER_ERRORS } from './errors.ts';
import { cellText, drawLine, flowSections, PAGE, type Section } from './pdf-flow.ts';
import { waitForDrain } from './stream.ts';
import { fontFiles, TextLayout } from './text-layout.ts';

/**
 * The report as a PDF: a cover (title, organisation, period, who made it and when, and the SHA-256 of report.json,
 * which the pack maker computes first), a summary page, then each table with its header row on every page, and on
 * every page a footer with the title, the data digest and "Page N of M". Streamed: each page goes to `out` when the
 * next begins (waiting for the reader), and M comes from a first pass over the rows that only measures them, so
 * each table's rows() is read twice. Ends `out`.
 */
export async function writePdf(report: Report, out: Writable, options: { dataDigest: string }): Promise<{ pages: number }> {
  const layout = new TextLayout();
  const sections = sectionsOf(report);
  const pages = await flowSections(sections, layout, 2);

  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: PAGE.margin,
    autoFirstPage: false,
    // pdfkit caches the layout of every word it has drawn, for good: over 100k rows of distinct ARNs that cache is the memory.
    fontLayoutCache: false,
    info: { Title: report.title, Author: report.generatedBy, Subject: `${report.organisation}, ${report.period}`, Creator: 'RRCU', CreationDate: report.generatedAt },
  });
  for (const [name, data] of Object.entries(fontFiles())) doc.registerFont(name, data);
  doc.pipe(out);
  const footer = (page: number) => {
    const line = layout.line(`${report.title} · data SHA-256 ${options.dataDigest}`);
    const y = PAGE.height - PAGE.margin + 12;
    doc.fillColor('#555555');
    drawLine(doc, line, PAGE.margin, y, 6.5);
    const number = layout.line(`Page ${page} of ${pages}`);
    drawLine(doc, number, PAGE.width - PAGE.margin - number.width * 6.5, y, 6.5);
    doc.fillColor('black');
  };
  const startPage = async (page: number) => {
    doc.addPage();
    footer(page);
    // addPage has ended the page before into pdfkit's Readable. Rows that come without I/O (already in memory)
    // keep the microtask queue busy, and the pipe only moves data on a later tick: without this turn of the event
    // loop the whole PDF would pile up in pdfkit's buffer. Then a slower reader is let catch up.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (out.writableNeedDrain) await waitForDrain(out);
  };

  await startPage(1);
  drawCover(doc, layout, report, options.dataDigest, pages);
  const drawn = await flowSections(sections, layout, 2, { doc, startPage });
  if (drawn !== pages) {
    doc.end();
    throw new RrcuError(WRITER_ERRORS.REPORT_ROWS_CHANGED, `The PDF of "${report.title}" came to ${drawn} pages where its rows, read first, made ${pages}: a table gave other rows the second time.`, {
      fix: 'Make the report again; a report reads its tables from one snapshot so that every read gives the same rows.',
    });
  }
  doc.end();
  await finished(out);
  return { pages };
}

/** The summary, the parameters (as they were asked, for the manifest), then the report's tables, each from a new page. */
function sectionsOf(report: Report): Section[] {
  const summary: Section = {
    title: 'Summary',
    columns: [
      { key: 'label', label: 'Figure', width: 2 },
      { key: 'value', label: 'Value', width: 3 },
    ],
    rows: () => fromArray(report.summary.map(({ label, value }) => ({ label, value }))),
    newPage: true,
  };
  const parameters: Section = {
    title: 'Parameters',
    columns: [
      { key: 'name', label: 'Parameter', width: 2 },
      { key: 'value', label: 'Value', width: 3 },
    ],
    rows: () => fromArray(Object.entries(report.parameters).map(([name, value]) => ({ name, value: typeof value === 'string' ? value : JSON.stringify(value) ?? '' }))),
    newPage: false,
  };
  return [summary, parameters, ...report.tables.map((t) => ({ title: t.title, ...onPaper(t), rows: t.rows, newPage: true }))];
}

/**
 * A table's columns shown on paper (`ReportColumn.pdf`) and, when some are left off, the line under its title
 * that says where they are, so that a reader of the PDF alone knows it is not the whole table.
 */
function onPaper(table: ReportTable): Pick<Section, 'columns' | 'note'> {
  const shown = table.columns.filter((c) => c.pdf !== false);
  // A table with no column on paper would be rows of nothing: it is shown whole instead.
  if (shown.length === table.columns.length || shown.length === 0) return { columns: table.columns };
  const all = table.columns.length;
  const off = table.columns.filter((c) => c.pdf === false).map((c) => c.label);
  return {
    columns: shown,
    note: `${shown.length} of ${all} columns on paper; this table's CSV (${table.name}.csv) and report.json carry all ${all}. Not on paper: ${off.join(', ')}.`,
  };
}

async function* fromArray<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

function drawCover(doc: PDFKit.PDFDocument, layout: TextLayout, report: Report, dataDigest: string, pages: number): void {
  const width = PAGE.width - 2 * PAGE.margin;
  let y = PAGE.margin + 60;
  const text = (value: string, style: 'regular' | 'bold', size: number, maxLines = 3) => {
    for (const line of layout.wrap(value, style, size, width, maxLines)) {
      drawLine(doc, line, PAGE.margin, y, size);
      y += size * 1.35;
    }
  };
  doc.fillColor('#555555');
  text('RRCU evidence report', 'regular', 10);
  doc.fillColor('black');
  y += 4;
  text(report.title, 'bold', 24, 2);
  y += 16;
  const facts: [string, string][] = [
    ['Organisation', report.organisation],
    ['Period', report.period],
    ['Generated by', report.generatedBy],
    ['Generated at', cellText(report.generatedAt)],
    ['Sync runs', report.syncRunIds.length === 0 ? 'none' : report.syncRunIds.map((id) => `#${id}`).join(', ')],
    ['Pages', String(pages)],
  ];
  for (const [label, value] of facts) {
    const labelLine = layout.line(`${label}:`, 'bold');
    drawLine(doc, labelLine, PAGE.margin, y, 11);
    const [valueLine] = layout.wrap(value, 'regular', 11, width - 110, 1);
    drawLine(doc, valueLine!, PAGE.margin + 110, y, 11);
    y += 11 * 1.6;
  }
  y += 20;
  text("SHA-256 of the report's data (report.json in this evidence pack):", 'bold', 10);
  text(dataDigest, 'regular', 10);
  y += 6;
  doc.fillColor('#555555');
  text("The pack's signed manifest.json lists this digest; `rrcu evidence verify PACK.zip` checks the signature and every file's digest.", 'regular', 8.5);
  doc.fillColor('black');
}


