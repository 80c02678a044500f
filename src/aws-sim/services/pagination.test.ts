import { describe, expect, test } from 'vitest';
import { AwsError } from '../service.ts';
import { paginate, type PageErrors } from './pagination.ts';

const errors: PageErrors = {
  badMaxResults: (m) => new AwsError('BadMax', m),
  badToken: (m) => new AwsError('BadToken', m),
};
const items = Array.from({ length: 7 }, (_, i) => i);

describe('paginate', () => {
  test('walks a listing page by page until no NextToken is returned', () => {
    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = paginate(items, { MaxResults: 3, NextToken: token }, 'L', { max: 20 }, errors);
      seen.push(...page.items);
      token = page.nextToken;
      pages += 1;
    } while (token);
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
  });

  test('uses the default page size when MaxResults is omitted', () => {
    expect(paginate(items, {}, 'L', { max: 5 }, errors).items).toHaveLength(5);
    expect(paginate(items, {}, 'L', { max: 100, defaultSize: 2 }, errors).items).toHaveLength(2);
  });

  test.each([0, 21, 2.5, '3'])('refuses MaxResults %s outside 1..max', (value) => {
    expect(() => paginate(items, { MaxResults: value }, 'L', { max: 20 }, errors)).toThrow(expect.objectContaining({ code: 'BadMax' }));
  });

  test('refuses a token issued for another listing, or not issued at all', () => {
    const { nextToken } = paginate(items, { MaxResults: 2 }, 'parent-a', { max: 20 }, errors);
    expect(() => paginate(items, { NextToken: nextToken }, 'parent-b', { max: 20 }, errors)).toThrow(expect.objectContaining({ code: 'BadToken' }));
    expect(() => paginate(items, { NextToken: 'garbage' }, 'parent-a', { max: 20 }, errors)).toThrow(expect.objectContaining({ code: 'BadToken' }));
  });
});
