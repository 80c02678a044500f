/**
 * CSV for spreadsheets. Names come from AWS and the identity provider and can be chosen by an attacker,
 * so a cell that a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with a quote.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return `${[header, ...rows].map(csvRow).join('\r\n')}\r\n`;
}

/** One CSV line without its CRLF, for writers that stream rows rather than join them. */
export function csvRow(row: ReadonlyArray<unknown>): string {
  return row.map(csvCell).join(',');
}

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
