/**
 * `.dockerignore` as the docker CLI applies it (`moby/patternmatcher`): one pattern a line, `#`
 * comments, `!` exceptions, the last matching pattern wins, `*` and `?` stay within one path
 * segment, `**` spans any number of segments, and a pattern that matches a directory excludes
 * everything under it. Paths are relative to the context root with "/" separators. The engine does
 * not apply it (only the CLI does), so Dockside does, before the tar is made.
 */

interface Pattern {
  exclusion: boolean;
  re: RegExp;
}

function clean(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function toRegExp(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i += 1;
        // `**/` matches zero or more directories; a trailing `**` matches everything below.
        if (pattern[i + 1] === '/') {
          i += 1;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        let cls = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (cls.startsWith('!') || cls.startsWith('^')) cls = `^${cls.slice(1)}`;
        re += `[${cls}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      i += 1;
      re += pattern[i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`${re}$`);
}

export function parseDockerignore(text: string): Pattern[] {
  const out: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    let exclusion = false;
    if (line.startsWith('!')) {
      exclusion = true;
      line = line.slice(1).trim();
    }
    const cleaned = clean(line);
    if (!cleaned) continue;
    out.push({ exclusion, re: toRegExp(cleaned) });
  }
  return out.slice(0, 10_000);
}

/** True when `path` (relative, "/"-separated) is left out of the context. */
export function isIgnored(patterns: Pattern[], path: string): boolean {
  const p = clean(path);
  const parents: string[] = [];
  const parts = p.split('/');
  for (let i = 1; i < parts.length; i++) parents.push(parts.slice(0, i).join('/'));
  let ignored = false;
  for (const pat of patterns) {
    // As moby's MatchesOrParentMatches: the path itself or any directory above it.
    const hit = pat.re.test(p) || parents.some((d) => pat.re.test(d));
    if (hit) ignored = !pat.exclusion;
  }
  return ignored;
}

/** A context path as a build may use it: relative, "/"-separated, no "..", no empty or control characters. */
export function safeContextPath(path: string): string | null {
  if (!path || path.length > 4096 || /[\0-\x1f]/.test(path) || path.startsWith('/') || path.includes('\\')) return null;
  const parts = path.split('/');
  if (parts.some((p) => p === '..' || p === '')) return null;
  const cleaned = clean(path);
  return cleaned || null;
}
