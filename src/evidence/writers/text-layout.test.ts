import { describe, expect, test } from 'vitest';
import { TextLayout, type Line } from './text-layout.ts';

const layout = new TextLayout();
const text = (lines: Line[]) => lines.map((l) => l.runs.map((r) => r.text).join(''));

describe('text in any script', () => {
  test.each([
    ['Ελένη Παπαδοπούλου', ['sans']],
    ['Дмитрий', ['sans']],
    ['王小明', ['han']],
    ['佐藤 さくら', ['han', 'sans', 'han']],
    ['김민수', ['hangul']],
    ['Zoë Łukasz 王 김', ['sans', 'han', 'sans', 'hangul']],
  ])('%s is drawn in the fonts that have its characters: %j', (name, fonts) => {
    const [line] = layout.wrap(name, 'regular', 10, 1000, 1);
    expect(line!.runs.map((r) => r.font)).toEqual(fonts);
    expect(line!.runs.map((r) => r.text).join('')).toBe(name);
  });

  test('decomposed accents are composed first (e + combining acute is é, one glyph)', () => {
    expect(text(layout.wrap('Ele\u0301ni', 'regular', 10, 1000, 1))).toEqual(['Eléni']);
  });
});

describe('wrapping a cell', () => {
  test('an ARN breaks after a separator, not inside a word, and keeps every character', () => {
    const arn = 'arn:aws:sso:::permissionSet/ssoins-7223a5f0c1d2e3f4/ps-0123456789abcdef';
    const lines = text(layout.wrap(arn, 'regular', 10, 200, 4));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(arn);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/[/:-]$/);
  });

  test('CJK text breaks between any two characters; spaces at a break are dropped', () => {
    const lines = text(layout.wrap('王小明王小明王小明王小明 佐藤さくら', 'regular', 10, 45, 10));
    expect(lines.join('')).toBe('王小明王小明王小明王小明佐藤さくら');
    for (const line of lines) expect(line).not.toMatch(/^ | $/);
  });

  test('line breaks in the text are kept; past the last line allowed an ellipsis ends the cell', () => {
    expect(text(layout.wrap('first line\r\nsecond line', 'regular', 10, 1000, 4))).toEqual(['first line', 'second line']);
    const lines = layout.wrap(Array.from({ length: 100 }, (_, i) => `word${i}`).join(' '), 'regular', 10, 100, 3);
    expect(lines).toHaveLength(3);
    expect(text(lines)[2]).toMatch(/…$/);
    for (const line of lines) expect(line.width * 10).toBeLessThanOrEqual(100);
  });

  test('a word longer than the cell is cut where it must be', () => {
    const lines = text(layout.wrap('x'.repeat(100), 'regular', 10, 50, 40));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('x'.repeat(100));
  });
});
