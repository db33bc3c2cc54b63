import { describe, expect, it } from 'vitest';
import { documentTitle, pageTitle, titleFromParam } from './page-title';

describe('page titles', () => {
  it('joins the parts that are there, most specific first', () => {
    expect(pageTitle('web1', 'Logs')).toBe('web1 · Logs');
    expect(pageTitle('web1', undefined, '')).toBe('web1');
    expect(documentTitle(pageTitle('web1', 'Logs'))).toBe('web1 · Logs — Dockside');
    expect(documentTitle('')).toBe('Dockside');
  });
  it('a resource page is titled by its URL parameter', async () => {
    expect(await titleFromParam('Logs')({ params: Promise.resolve({ id: 'web%201' }) })).toEqual({ title: 'web 1 · Logs' });
    expect(await titleFromParam()({ params: Promise.resolve({ id: '%E0%A4%A' }) })).toEqual({ title: '%E0%A4%A' });
  });
  it('names the thing behind the id when the server knows it, else shows the id', async () => {
    const seen: Array<[string, unknown]> = [];
    const nameOf = async (ref: string, sp: Record<string, unknown>) => (seen.push([ref, sp]), ref === 'abc' ? 'web1' : undefined);
    const props = (id: string) => ({ params: Promise.resolve({ id }), searchParams: Promise.resolve({ engine: 'b' }) });
    expect(await titleFromParam('Logs', nameOf)(props('abc'))).toEqual({ title: 'web1 · Logs' });
    expect(await titleFromParam('Logs', nameOf)(props('x%20y'))).toEqual({ title: 'x y · Logs' });
    expect(seen).toEqual([['abc', { engine: 'b' }], ['x y', { engine: 'b' }]]);
  });
});
