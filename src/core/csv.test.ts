import { expect, test } from 'vitest';
import { toCsv } from './csv.ts';

test('quotes what needs quoting and defuses formulas', () => {
  expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=HYPERLINK("http://evil")', '-1'], [null, '@SUM(A1)']])).toBe(
    'a,b\r\n"x,y","say ""hi"""\r\n"\'=HYPERLINK(""http://evil"")",\'-1\r\n,\'@SUM(A1)\r\n',
  );
});
