/** PageBean paging: any page size walks every item exactly once, within the cap. */
import fc from 'fast-check';
import { pageBean, readPaging } from '../../jira-sim/rest/paging';

const URL = 'https://acme.atlassian.net/rest/api/3/screens';

it('covers every item exactly once whatever the requested page size', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 200 }), (count, requested, cap) => {
      const items = Array.from({ length: count }, (_, i) => i);
      const seen: number[] = [];
      for (let startAt = 0; ;) {
        const paging = readPaging({ startAt: String(startAt), maxResults: String(requested) }, { defaultMax: 50, cap });
        const page = pageBean(items, paging, URL, {});
        const values = page['values'] as number[];
        expect(page['maxResults']).toBe(Math.min(requested, cap));
        expect(page['total']).toBe(count);
        expect(page['nextPage'] === undefined).toBe(page['isLast']);
        seen.push(...values);
        startAt += values.length;
        if (page['isLast'] === true) break;
      }
      expect(seen).toEqual(items);
    }),
  );
});

it('keeps the other query parameters in self and nextPage', () => {
  const page = pageBean([1, 2, 3], { startAt: 0, maxResults: 2 }, URL, { orderBy: 'name', expand: 'x' });
  expect(page['self']).toBe(`${URL}?orderBy=name&expand=x&maxResults=2&startAt=0`);
  expect(page['nextPage']).toBe(`${URL}?orderBy=name&expand=x&maxResults=2&startAt=2`);
});

it('maxResults=0 is a count: no values, the total, isLast only past the end, never a nextPage', () => {
  const paging = readPaging({ maxResults: '0' }, { defaultMax: 50, cap: 100 });
  expect(paging).toEqual({ startAt: 0, maxResults: 0 });
  const page = pageBean([1, 2, 3], paging, URL, { maxResults: '0' });
  expect(page).toMatchObject({ maxResults: 0, startAt: 0, total: 3, isLast: false, values: [] });
  expect(page['nextPage']).toBeUndefined();
  expect(pageBean([1, 2, 3], { startAt: 3, maxResults: 0 }, URL, {})).toMatchObject({ isLast: true, values: [] });
});
