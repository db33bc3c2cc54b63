/**
 * ANSI escape sequences in log text: SGR (`ESC [ … m`) becomes styled spans; every other escape
 * (cursor moves, erase, OSC titles and hyperlinks, charset switches) and stray control characters
 * are removed. The result is plain text plus styles, for rendering as React text nodes, never HTML.
 * Each line is parsed on its own (a viewer shows any line without its predecessors).
 */

/** 0–255: the xterm palette; a string: `#rrggbb` (truecolor). */
export type AnsiColor = number | string;

export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export interface AnsiSpan {
  text: string;
  style: AnsiStyle;
}

const ESC = '\x1b';

/** Strips a style of its unset keys, so equal styles compare equal. */
function clean(style: AnsiStyle): AnsiStyle {
  const out: AnsiStyle = {};
  for (const [k, v] of Object.entries(style) as Array<[keyof AnsiStyle, AnsiStyle[keyof AnsiStyle]]>) {
    if (v !== undefined && v !== false) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

const hex = (n: number) => n.toString(16).padStart(2, '0');
const byte = (s: string | undefined): number | null => {
  if (s === undefined || s === '' || !/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n <= 255 ? n : null;
};

/**
 * An extended colour (`38;5;n`, `38;2;r;g;b`, and the colon forms `38:5:n`, `38:2::r:g:b`).
 * Returns the colour and how many of the following `;`-parameters it used.
 */
function extendedColor(param: string, rest: string[]): { color: AnsiColor | null; used: number } {
  if (param.includes(':')) {
    const sub = param.split(':');
    if (sub[1] === '5') return { color: byte(sub[2]), used: 0 };
    if (sub[1] === '2') {
      // With a colour-space id (`38:2:id:r:g:b`) or without (`38:2:r:g:b`): the last three.
      const rgb = sub.slice(2).slice(-3).map(byte);
      return { color: rgb.length === 3 && rgb.every((c) => c !== null) ? `#${rgb.map((c) => hex(c!)).join('')}` : null, used: 0 };
    }
    return { color: null, used: 0 };
  }
  if (rest[0] === '5') return { color: byte(rest[1]), used: 2 };
  if (rest[0] === '2') {
    const rgb = rest.slice(1, 4).map(byte);
    return { color: rgb.length === 3 && rgb.every((c) => c !== null) ? `#${rgb.map((c) => hex(c!)).join('')}` : null, used: 4 };
  }
  return { color: null, used: 0 };
}

/** Applies one SGR parameter list to a style. */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const s: AnsiStyle = { ...style };
  const list = params === '' ? ['0'] : params.split(';');
  for (let i = 0; i < list.length; i++) {
    const param = list[i]!;
    const head = param.split(':')[0]!;
    const code = head === '' ? 0 : Number(head);
    if (!Number.isInteger(code)) continue;
    if (code === 0) {
      for (const k of Object.keys(s)) delete s[k as keyof AnsiStyle];
    } else if (code === 1) s.bold = true;
    else if (code === 2) s.dim = true;
    else if (code === 3) s.italic = true;
    else if (code === 4) s.underline = param !== '4:0';
    else if (code === 7) s.inverse = true;
    else if (code === 9) s.strike = true;
    else if (code === 21) s.underline = true;
    else if (code === 22) s.bold = s.dim = undefined;
    else if (code === 23) s.italic = undefined;
    else if (code === 24) s.underline = undefined;
    else if (code === 27) s.inverse = undefined;
    else if (code === 29) s.strike = undefined;
    else if (code >= 30 && code <= 37) s.fg = code - 30;
    else if (code === 39) s.fg = undefined;
    else if (code >= 40 && code <= 47) s.bg = code - 40;
    else if (code === 49) s.bg = undefined;
    else if (code >= 90 && code <= 97) s.fg = code - 90 + 8;
    else if (code >= 100 && code <= 107) s.bg = code - 100 + 8;
    else if (code === 38 || code === 48) {
      const { color, used } = extendedColor(param, list.slice(i + 1));
      i += used;
      if (color !== null) s[code === 38 ? 'fg' : 'bg'] = color;
    }
    // Anything else (blink, hidden, fonts, overline…) is left as plain text styling.
  }
  return clean(s);
}

/** Where an escape sequence starting at `i` (at ESC) ends, and its SGR parameters if it is one. */
function scanEscape(text: string, i: number): { end: number; sgr: string | null } {
  const kind = text[i + 1];
  if (kind === undefined) return { end: text.length, sgr: null };
  if (kind === '[') {
    // CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E.
    let j = i + 2;
    while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x3f) j++;
    const final = text.charCodeAt(j);
    if (j >= text.length || final < 0x40 || final > 0x7e) return { end: Math.min(j, text.length), sgr: null };
    const params = text.slice(i + 2, j);
    return { end: j + 1, sgr: text[j] === 'm' && /^[\d;:]*$/.test(params) ? params : null };
  }
  if (kind === ']' || kind === 'P' || kind === 'X' || kind === '^' || kind === '_') {
    // OSC / DCS / SOS / PM / APC: up to BEL or ST (ESC \).
    for (let j = i + 2; j < text.length; j++) {
      if (text[j] === '\x07') return { end: j + 1, sgr: null };
      if (text[j] === ESC && text[j + 1] === '\\') return { end: j + 2, sgr: null };
    }
    return { end: text.length, sgr: null };
  }
  // Charset designation takes one more character; everything else is a two-character escape.
  if ('()*+-./#%'.includes(kind)) return { end: Math.min(i + 3, text.length), sgr: null };
  return { end: i + 2, sgr: null };
}

// C0 controls except tab, and DEL: invisible in a terminal line, noise in a web page.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;
const HAS_CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;

export function parseAnsi(text: string): AnsiSpan[] {
  if (!text.includes(ESC)) {
    const plain = text.replace(CONTROL, '');
    return plain ? [{ text: plain, style: {} }] : [];
  }
  const spans: AnsiSpan[] = [];
  let style: AnsiStyle = {};
  let buf = '';
  const emit = () => {
    const t = buf.replace(CONTROL, '');
    buf = '';
    if (!t) return;
    const last = spans.at(-1);
    if (last && sameStyle(last.style, style)) last.text += t;
    else spans.push({ text: t, style });
  };
  let i = 0;
  while (i < text.length) {
    const esc = text.indexOf(ESC, i);
    if (esc < 0) {
      buf += text.slice(i);
      break;
    }
    buf += text.slice(i, esc);
    const { end, sgr } = scanEscape(text, esc);
    if (sgr !== null) {
      emit();
      style = applySgr(style, sgr);
    }
    i = end;
  }
  emit();
  return spans;
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  const ka = Object.keys(a) as Array<keyof AnsiStyle>;
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** The text as a terminal would show it, without styles: what search matches against. */
export function stripAnsi(text: string): string {
  if (!text.includes(ESC)) return HAS_CONTROL.test(text) ? text.replace(CONTROL, '') : text;
  return parseAnsi(text)
    .map((s) => s.text)
    .join('');
}

// VS Code's dark terminal palette (the fallback behind the theme's --ansi-N variables).
const BASE16 = [
  '#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
  '#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff',
];
const CUBE = [0, 95, 135, 175, 215, 255];

/** The xterm 256-colour palette: 16 base colours, a 6×6×6 cube, then 24 greys. */
export function paletteColor(index: number): string {
  if (index < 16) return BASE16[index]!;
  if (index < 232) {
    const n = index - 16;
    return `#${hex(CUBE[Math.floor(n / 36)]!)}${hex(CUBE[Math.floor(n / 6) % 6]!)}${hex(CUBE[n % 6]!)}`;
  }
  const grey = 8 + (index - 232) * 10;
  return `#${hex(grey)}${hex(grey)}${hex(grey)}`;
}

// The 16 base colours come from the theme (app/globals.css, --ansi-0…15, chosen for AA contrast on
// the log panel in light and dark); the fixed xterm value is only the fallback.
const cssColor = (c: AnsiColor) => (typeof c === 'number' ? (c < 16 ? `var(--ansi-${c}, ${paletteColor(c)})` : paletteColor(c)) : c);

export interface AnsiCss {
  color?: string;
  backgroundColor?: string;
  fontWeight?: number;
  opacity?: number;
  fontStyle?: 'italic';
  textDecoration?: string;
}

/** Inline CSS for a span (the palette is fixed; inverse needs the viewer's default colours). */
export function ansiStyleToCss(style: AnsiStyle, defaults: { fg: string; bg: string }): AnsiCss {
  const css: AnsiCss = {};
  let fg = style.fg === undefined ? undefined : cssColor(style.fg);
  let bg = style.bg === undefined ? undefined : cssColor(style.bg);
  if (style.inverse) [fg, bg] = [bg ?? defaults.bg, fg ?? defaults.fg];
  if (fg) css.color = fg;
  if (bg) css.backgroundColor = bg;
  if (style.bold) css.fontWeight = 700;
  if (style.dim) css.opacity = 0.65;
  if (style.italic) css.fontStyle = 'italic';
  const deco = [style.underline && 'underline', style.strike && 'line-through'].filter(Boolean).join(' ');
  if (deco) css.textDecoration = deco;
  return css;
}
