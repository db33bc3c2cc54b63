/**
 * The stylesheet's copies in a page's flight data, taken out of the document.
 *
 * With `experimental.inlineCss` (next.config.js) Next puts the stylesheet into the document head as
 * a `<style data-href=…>`, and its text twice more into the RSC (flight) data inlined at the end of
 * the same document, as text rows (`2:T<byte length hex>,<css>`): one for the root layout's
 * `<style>` element, one for the global-error tree. On /images that is 84 of the page's 228 kB, read
 * by the preload scanner, tokenised and compiled as a script string before the first paint (issue
 * 18, "the first screen"). React needs neither copy when it hydrates: a `<style precedence href>` is
 * a resource found by its href in the document, which has the stylesheet from its head already, and
 * client-side navigations fetch their own flight data (RSC requests, which pass untouched). So the
 * copies become empty text rows (`2:T0,`) and the row ids stay, so every reference to them holds.
 *
 * A copy is replaced only where its bytes are exactly what Next writes for it (the escaped text row
 * with its length, inside one script's string); anything else (another Next version, a row split
 * between two scripts) passes unchanged: the page is then as large as before, never broken.
 */

/** The stylesheets Next inlined into a document head, as their text (`<style data-precedence … data-href=…>`). */
const INLINED_STYLE = /<style data-precedence="[^"]*" data-href="[^"]*"[^>]*>([\s\S]*?)<\/style>/g;

export function inlinedStylesheets(head: string): string[] {
  return [...head.matchAll(INLINED_STYLE)].map((m) => m[1]!).filter((css) => css.length > 0);
}

/** What Next's htmlEscapeJsonString escapes in a JSON string it inlines into a script. */
const SCRIPT_ESCAPES: Record<string, string> = { '&': '\\u0026', '>': '\\u003e', '<': '\\u003c', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * The rows of the stylesheets seen last, by their text: a build inlines the same one or two into
 * every page, and escaping a 42 kB stylesheet again was ~0.3 ms of each page's answer (a CPU
 * profile of the server under 300 page loads), where a look-up reads it once. Shared and read-only.
 */
const rowsOfStylesheets = new Map<string, Buffer>();
const KEPT_ROWS = 8;

/**
 * The bytes of `css`'s text row as a document carries it: `:T<UTF-8 length, hex>,<css>`, JSON- and
 * HTML-escaped inside `self.__next_f.push([1,"…"])` (both escape character by character, so the
 * row's escaped form is a substring of the escaped script). The row id before it is left alone.
 */
export function flightTextRow(css: string): Buffer {
  let row = rowsOfStylesheets.get(css);
  if (row === undefined) {
    if (rowsOfStylesheets.size >= KEPT_ROWS) rowsOfStylesheets.clear();
    row = Buffer.from(inFlightScript(`:T${Buffer.byteLength(css, 'utf8').toString(16)},${css}`), 'utf8');
    rowsOfStylesheets.set(css, row);
  }
  return row;
}

/** `text` as it stands inside a flight script's string: JSON-escaped, then HTML-escaped as Next does. */
export function inFlightScript(text: string): string {
  return JSON.stringify(text).slice(1, -1).replace(/[&<>\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]!);
}

/** An empty text row: the row keeps its id, and whatever refers to it gets "". */
export const EMPTY_TEXT_ROW = Buffer.from(':T0,', 'utf8');

/**
 * Replaces every occurrence of any of `needles` with `replacement` in a byte stream that comes in
 * chunks, whatever the chunks' boundaries: each push returns what can go out, holding back only a
 * tail that may be the start of a needle (at most the longest needle's length, less one byte).
 */
export class StreamReplacer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly needles: readonly Buffer[],
    private readonly replacement: Buffer,
  ) {}

  push(chunk: Buffer): Buffer {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: Buffer[] = [];
    for (;;) {
      const hit = this.firstHit(buf);
      if (!hit) break;
      out.push(buf.subarray(0, hit.at), this.replacement);
      buf = buf.subarray(hit.at + hit.length);
    }
    const hold = this.heldFrom(buf);
    out.push(buf.subarray(0, hold));
    // A copy of its own: the tail outlives this chunk.
    this.pending = Buffer.from(buf.subarray(hold));
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }

  /** What is still held back, once nothing more comes. */
  end(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }

  private firstHit(buf: Buffer): { at: number; length: number } | null {
    let best: { at: number; length: number } | null = null;
    for (const n of this.needles) {
      const at = buf.indexOf(n);
      if (at >= 0 && (best === null || at < best.at)) best = { at, length: n.length };
    }
    return best;
  }

  /** Where the longest tail of `buf` that begins some needle starts (buf.length when none does). */
  private heldFrom(buf: Buffer): number {
    let from = buf.length;
    for (const n of this.needles) {
      for (let p = buf.indexOf(n[0]!, Math.max(0, buf.length - n.length + 1)); p >= 0 && p < from; p = buf.indexOf(n[0]!, p + 1)) {
        if (buf.subarray(p).equals(n.subarray(0, buf.length - p))) {
          from = p;
          break;
        }
      }
    }
    return from;
  }
}
