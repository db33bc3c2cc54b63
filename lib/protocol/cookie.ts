/**
 * The value of cookie `name` in a `Cookie` request header or in `document.cookie` (both are
 * `name=value` pairs joined by ";"), or undefined when it is not there. Shared by the server's
 * session check and the browser's theme switch.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
