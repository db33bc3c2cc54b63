import { describe, expect, it } from 'vitest';
import { ansiStyleToCss, paletteColor, parseAnsi, stripAnsi, type AnsiSpan } from './ansi';

const E = '\x1b';

describe('parseAnsi', () => {
  const cases: Array<[string, string, AnsiSpan[]]> = [
    ['plain text', 'hello', [{ text: 'hello', style: {} }]],
    ['empty', '', []],
    ['16 colours and reset', `${E}[31mred${E}[0m plain`, [{ text: 'red', style: { fg: 1 } }, { text: ' plain', style: {} }]],
    ['bright colours', `${E}[92;104mx`, [{ text: 'x', style: { fg: 10, bg: 12 } }]],
    ['empty parameter is reset', `${E}[1mb${E}[mn`, [{ text: 'b', style: { bold: true } }, { text: 'n', style: {} }]],
    ['256 colours', `${E}[38;5;208;48;5;17mx`, [{ text: 'x', style: { fg: 208, bg: 17 } }]],
    ['truecolor', `${E}[38;2;255;128;0mx`, [{ text: 'x', style: { fg: '#ff8000' } }]],
    ['truecolor, colon form with colour space', `${E}[38:2::1:2:3mx`, [{ text: 'x', style: { fg: '#010203' } }]],
    ['256 colours, colon form', `${E}[48:5:9mx`, [{ text: 'x', style: { bg: 9 } }]],
    ['extended colour then more attributes', `${E}[38;5;1;1mx`, [{ text: 'x', style: { fg: 1, bold: true } }]],
    ['bad extended colour is ignored', `${E}[38;5;300mx`, [{ text: 'x', style: {} }]],
    ['bold, dim, italic, underline', `${E}[1;2;3;4mx`, [{ text: 'x', style: { bold: true, dim: true, italic: true, underline: true } }]],
    ['attributes off one by one', `${E}[1;3;4;7;9ma${E}[22;23;24;27;29mb`, [{ text: 'a', style: { bold: true, italic: true, underline: true, inverse: true, strike: true } }, { text: 'b', style: {} }]],
    ['default fg/bg', `${E}[31;42ma${E}[39mb${E}[49mc`, [{ text: 'a', style: { fg: 1, bg: 2 } }, { text: 'b', style: { bg: 2 } }, { text: 'c', style: {} }]],
    ['styles carry across a non-SGR escape', `${E}[31ma${E}[Kb`, [{ text: 'ab', style: { fg: 1 } }]],
    ['cursor and erase sequences are removed', `${E}[2J${E}[1;1Hx${E}[?25l`, [{ text: 'x', style: {} }]],
    ['OSC hyperlink keeps its text', `${E}]8;;https://x.test${E}\\link${E}]8;;${E}\\`, [{ text: 'link', style: {} }]],
    ['OSC title ended by BEL', `${E}]0;title\x07after`, [{ text: 'after', style: {} }]],
    ['charset switch', `${E}(Bx`, [{ text: 'x', style: {} }]],
    ['an unfinished sequence at the end is dropped', `x${E}[31`, [{ text: 'x', style: {} }]],
    ['a lone ESC at the end', `x${E}`, [{ text: 'x', style: {} }]],
    ['control characters are removed, tabs kept', 'a\tb\x07c\x00d\re', [{ text: 'a\tbcde', style: {} }]],
    ['text is never interpreted as markup', `${E}[1m<b>&amp;</b>`, [{ text: '<b>&amp;</b>', style: { bold: true } }]],
  ];
  for (const [name, input, want] of cases) it(name, () => expect(parseAnsi(input)).toEqual(want));
});

describe('stripAnsi', () => {
  it('leaves only the visible text', () => {
    expect(stripAnsi(`${E}[1;31mERROR${E}[0m: disk ${E}[4mfull${E}[24m`)).toBe('ERROR: disk full');
    expect(stripAnsi('no escapes')).toBe('no escapes');
    expect(stripAnsi('bell\x07')).toBe('bell');
  });
});

describe('paletteColor', () => {
  it('covers base colours, the cube and the greys', () => {
    expect(paletteColor(1)).toBe('#cd3131');
    expect(paletteColor(16)).toBe('#000000');
    expect(paletteColor(196)).toBe('#ff0000');
    expect(paletteColor(231)).toBe('#ffffff');
    expect(paletteColor(232)).toBe('#080808');
    expect(paletteColor(255)).toBe('#eeeeee');
  });
});

describe('ansiStyleToCss', () => {
  const defaults = { fg: '#e6edf3', bg: '#0f1419' };
  it('maps colours and attributes', () => {
    expect(ansiStyleToCss({ fg: 1, bg: '#102030', bold: true, underline: true, strike: true }, defaults)).toEqual({
      color: 'var(--ansi-1, #cd3131)',
      backgroundColor: '#102030',
      fontWeight: 700,
      textDecoration: 'underline line-through',
    });
  });
  it('swaps colours for inverse, using the defaults where unset', () => {
    expect(ansiStyleToCss({ inverse: true, fg: 2 }, defaults)).toEqual({ color: defaults.bg, backgroundColor: 'var(--ansi-2, #0dbc79)' });
  });
  it('is empty for the default style', () => {
    expect(ansiStyleToCss({}, defaults)).toEqual({});
  });
});
