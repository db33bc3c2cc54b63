import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flightTextRow, inlinedStylesheets, StreamReplacer } from './flight-css';

describe('inlinedStylesheets', () => {
  it("finds the text of each stylesheet Next inlined, and nothing of other style elements", () => {
    const head =
      '<head><style data-precedence="next" data-href="/a.css" nonce="n">.a{}</style><style>.plain{}</style>' +
      '<style data-precedence="next" data-href="/b.css">.b>.c{}</style><style data-precedence="next" data-href="/e.css"></style></head>';
    expect(inlinedStylesheets(head)).toEqual(['.a{}', '.b>.c{}']);
  });
});

describe('flightTextRow', () => {
  it("is the row as it stands in the document: UTF-8 length in hex, JSON- and HTML-escaped", () => {
    expect(flightTextRow('a>b"é').toString()).toBe(':T6,a\\u003eb\\"é');
  });
  it('escapes a stylesheet once: the same text in another string gets the same row, and many stylesheets stay right', () => {
    const css = '.a>b{}'.repeat(1000);
    const row = flightTextRow(css);
    expect(flightTextRow([...css].join(''))).toBe(row);
    for (let i = 0; i < 20; i++) expect(flightTextRow(`.x${i}{}`).toString()).toBe(`:T${(4 + String(i).length).toString(16)},.x${i}{}`);
    expect(flightTextRow(css).equals(row)).toBe(true);
  });
});

describe('StreamReplacer', () => {
  const replaceAll = (text: string, needles: string[], by: string) => {
    let out = '';
    for (let i = 0; i < text.length; ) {
      const hit = needles.find((n) => text.startsWith(n, i));
      if (hit) {
        out += by;
        i += hit.length;
      } else out += text[i++];
    }
    return out;
  };

  it('replaces every needle as a one-shot replace would, whatever the chunks', () => {
    // A small alphabet, so needles and their beginnings turn up often, split across chunks.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ':', 'T'), maxLength: 60 });
    fc.assert(
      fc.property(text, fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', ':', 'T'), minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 2 }), fc.array(fc.nat(60)), (t, needles, cuts) => {
        // Needles where one begins another would make "first hit" ambiguous; the page's are whole stylesheets.
        fc.pre(!needles.some((n, i) => needles.some((m, j) => i !== j && m.startsWith(n))));
        const r = new StreamReplacer(needles.map((n) => Buffer.from(n)), Buffer.from('#'));
        const at = [...new Set([0, ...cuts.filter((c) => c < t.length), t.length])].sort((x, y) => x - y);
        const out = at.slice(1).map((end, i) => r.push(Buffer.from(t.slice(at[i], end))).toString());
        expect(out.join('') + r.end().toString()).toBe(replaceAll(t, needles, '#'));
      }),
      { numRuns: 500 },
    );
  });

  it('holds back no more than a tail that may begin a needle', () => {
    const r = new StreamReplacer([Buffer.from(':Tab,')], Buffer.from(''));
    expect(r.push(Buffer.from('xyz:T')).toString()).toBe('xyz');
    expect(r.push(Buffer.from('q')).toString()).toBe(':Tq');
    expect(r.end().toString()).toBe('');
  });
});
