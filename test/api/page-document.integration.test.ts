import { describe, expect, it } from 'vitest';
import { inFlightScript, inlinedStylesheets } from '../../server/http/flight-css';
import { testRun } from '../support/docker-cli';
import { serverForFile } from '../support/server-for-file';

// The production server's pages as Next renders them, through server/http/page-document.ts: a
// change of Next's output that turned the flight-data rewrite into a no-op would show here.
const file = serverForFile(testRun('page-document'));

describe("a page's stylesheet comes once, in its head", () => {
  it.each(['/containers', '/images', '/login', '/no-such-page'])('%s: the flight data keeps its rows, emptied', async (path) => {
    const res = await file.server.api(path);
    const html = await res.text();
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const [css] = inlinedStylesheets(html);
    expect(css, 'an inlined stylesheet in the head').toBeDefined();
    // A piece from the middle of the stylesheet: once in the head, and not in the flight data, raw or escaped as it escapes it.
    const piece = css!.slice(css!.length >> 1, (css!.length >> 1) + 200);
    const escaped = inFlightScript(piece);
    expect(html.split(piece).length - 1, 'copies of the stylesheet').toBe(1);
    if (escaped !== piece) expect(html.split(escaped).length - 1, 'escaped copies of the stylesheet').toBe(0);
    // Its text rows are there, emptied: what referred to them still resolves.
    expect(html.match(/[0-9a-f]+:T0,/g)?.length, 'emptied text rows').toBeGreaterThan(0);
  });
});
