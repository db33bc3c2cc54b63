import { parse as shellParse } from 'shell-quote';
import { imageNameSchema } from '../image-ref';
import type { PublishedPort, RunMode, RunMount, RunNetwork, RunSpec } from '../run-spec';
import { longFlag, shortFlag, supportedFlags, type DockerFlag } from './docker-flags';
import { formatBytes, formatDuration, parseBytes, parseDuration } from './units';

/**
 * `docker run …` / `docker create …` line ⇄ RunSpec. The line is split into words the way a POSIX
 * shell would (shell-quote: quotes, escapes, `\` line continuations), then read with the CLI's own
 * flag table (docker-flags.ts) the way pflag reads it: `--flag value`, `--flag=value`, combined
 * short flags (`-dit`, `-p8080:80`), `--`, and the first word that is not a flag is the image;
 * everything after it is the command. A flag the table does not know is reported by name and takes
 * no value; a known flag the form does not carry is listed as unsupported (its value consumed).
 */

export interface ParsedRunLine {
  mode: RunMode;
  /** What the line says; `image` is '' when the line names none (then `errors` says so). */
  spec: RunSpec;
  /** Known docker flags Dockside does not carry, as written (`--gpus`, `--ulimit`). */
  unsupported: string[];
  /** Words that look like flags but are not docker run flags (`--frobnicate`, `-Z`). */
  unknown: string[];
  /** Things that make the line unusable as it is. */
  errors: string[];
  /** Things worth knowing that do not stop it (a variable left as written, an ignored global option). */
  warnings: string[];
}

interface Occurrence {
  flag: DockerFlag;
  /** As written, for messages: `-p`, `--publish`. */
  written: string;
  value: string | undefined;
}

/** Docker's global options that may sit between `docker` and `run`, and whether they take a value. */
const GLOBAL_OPTIONS: Record<string, boolean> = {
  '-H': true,
  '--host': true,
  '-c': true,
  '--context': true,
  '--config': true,
  '-l': true,
  '--log-level': true,
  '--tlscacert': true,
  '--tlscert': true,
  '--tlskey': true,
  '-D': false,
  '--debug': false,
  '--tls': false,
  '--tlsverify': false,
};

/**
 * Removes backslash-newline line continuations (also with Windows line ends) where a shell would:
 * outside single quotes, and not when the backslash is itself escaped. Also protects mid-word `#`.
 */
function joinContinuations(line: string): string {
  let out = '';
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      out += c;
      continue;
    }
    if (c === '\\') {
      const next = line[i + 1];
      const crlf = next === '\r' && line[i + 2] === '\n';
      if (next === '\n' || crlf) {
        i += crlf ? 2 : 1;
        continue;
      }
      out += c + (next ?? '');
      i++;
      continue;
    }
    // A `#` inside a word is text to a shell (only a word-initial one starts a comment); shell-quote
    // would start a comment there, so it is escaped.
    if (c === '#' && !quote && out.length > 0 && !/\s/.test(out[out.length - 1]!)) {
      out += '\\#';
      continue;
    }
    if (c === "'" && !quote) quote = "'";
    else if (c === '"') quote = quote === '"' ? null : '"';
    out += c;
  }
  return out;
}

/** Splits a line into words. `$VAR` stays as written: the line's shell is not ours to imitate. */
export function splitShellWords(line: string): { words: string[]; errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const joined = joinContinuations(line);
  const variables = new Set<string>();
  const entries = shellParse(joined, (key: string) => {
    variables.add(key);
    return `$${key}`;
  });
  const words: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') words.push(entry);
    else if ('comment' in entry) break;
    else if (entry.op === 'glob') words.push(entry.pattern);
    else {
      errors.push(`"${entry.op}" is shell syntax, not part of a docker run line: paste just the one command.`);
      break;
    }
  }
  if (variables.size) {
    warnings.push(`Shell variables are kept as written, not expanded: ${[...variables].map((v) => `$${v}`).join(', ')}.`);
  }
  return { words, errors, warnings };
}

export function parseRunLine(line: string): ParsedRunLine {
  const { words, errors, warnings } = splitShellWords(line);
  const result: ParsedRunLine = { mode: 'run', spec: { image: '' }, unsupported: [], unknown: [], errors, warnings };
  if (errors.length) return result;

  let i = skipCommandPrefix(words, result);
  const occurrences: Occurrence[] = [];
  let image: string | undefined;
  let command: string[] = [];

  while (i < words.length) {
    const w = words[i]!;
    if (w === '--') {
      i++;
      image = words[i];
      command = words.slice(i + 1);
      break;
    }
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const inline = eq < 0 ? undefined : w.slice(eq + 1);
      const flag = longFlag(name);
      i++;
      if (!flag) {
        result.unknown.push(`--${name}`);
        continue;
      }
      if (flag.takesValue && inline === undefined) {
        if (i >= words.length) {
          result.errors.push(`--${name} needs a value.`);
          break;
        }
        occurrences.push({ flag, written: `--${name}`, value: words[i++] });
      } else {
        occurrences.push({ flag, written: `--${name}`, value: inline });
      }
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      i++;
      // A cluster of short flags: `-dit`, `-p8080:80`, `-e=A=B`, `-itp 80:80`.
      for (let j = 1; j < w.length; j++) {
        const letter = w[j]!;
        const flag = shortFlag(letter);
        if (!flag) {
          result.unknown.push(`-${letter}`);
          continue;
        }
        const rest = w.slice(j + 1);
        if (flag.takesValue) {
          if (rest) {
            occurrences.push({ flag, written: `-${letter}`, value: rest.startsWith('=') ? rest.slice(1) : rest });
          } else if (i < words.length) {
            occurrences.push({ flag, written: `-${letter}`, value: words[i++] });
          } else {
            result.errors.push(`-${letter} needs a value.`);
          }
          break;
        }
        if (rest.startsWith('=')) {
          occurrences.push({ flag, written: `-${letter}`, value: rest.slice(1) });
          break;
        }
        occurrences.push({ flag, written: `-${letter}`, value: undefined });
      }
      continue;
    }
    image = w;
    command = words.slice(i + 1);
    break;
  }

  applyOccurrences(occurrences, result);
  if (image === undefined) result.errors.push('The line names no image: it goes after the options, e.g. `docker run -d nginx`.');
  else {
    result.spec.image = image;
    const checked = imageNameSchema.safeParse(image);
    if (!checked.success) result.errors.push(`The image "${image}": ${checked.error.issues[0]?.message ?? 'not a valid reference'}`);
  }
  if (command.length) result.spec.command = command;
  return result;
}

/** Skips `sudo`, `docker` (or a path to it, or podman), global options and `run`/`create`/`container run`. */
function skipCommandPrefix(words: string[], result: ParsedRunLine): number {
  let i = 0;
  if (words[i] === 'sudo') i++;
  const program = words[i];
  if (!program || !/(^|\/)(docker|podman)(\.exe)?$/.test(program)) return 0;
  i++;
  while (i < words.length && words[i]!.startsWith('-')) {
    const [name] = words[i]!.split('=', 1) as [string];
    if (!(name in GLOBAL_OPTIONS)) {
      result.errors.push(`${name} is not a docker option that can come before "run".`);
      return words.length;
    }
    result.warnings.push(`${name} (a docker option for the CLI itself) is ignored: Dockside talks to its own engine.`);
    i += GLOBAL_OPTIONS[name] && !words[i]!.includes('=') ? 2 : 1;
  }
  if (words[i] === 'container') i++;
  const sub = words[i];
  if (sub === 'run' || sub === 'create') {
    result.mode = sub;
    return i + 1;
  }
  result.errors.push(sub ? `"docker ${sub}" is not docker run or docker create.` : 'The line stops before "run".');
  return words.length;
}

function boolValue(o: Occurrence, errors: string[]): boolean {
  if (o.value === undefined || o.value === 'true' || o.value === '1') return true;
  if (o.value === 'false' || o.value === '0') return false;
  errors.push(`${o.written} takes true or false, not "${o.value}".`);
  return true;
}

function intValue(o: Occurrence, errors: string[]): number | undefined {
  const s = o.value ?? '';
  if (/^-?\d+$/.test(s) && Number.isSafeInteger(Number(s))) return Number(s);
  errors.push(`${o.written} takes a whole number, not "${s}".`);
  return undefined;
}

function keyValue(s: string): [string, string] {
  const eq = s.indexOf('=');
  return eq < 0 ? [s, ''] : [s.slice(0, eq), s.slice(eq + 1)];
}

function applyOccurrences(occurrences: Occurrence[], result: ParsedRunLine): void {
  const spec = result.spec;
  const errors = result.errors;
  const pending: { aliases: string[]; ipv4?: string } = { aliases: [] };
  const push = <K extends keyof RunSpec>(key: K, value: NonNullable<RunSpec[K]> extends Array<infer T> ? T : never) => {
    const list = ((spec[key] as unknown[] | undefined) ?? []) as unknown[];
    list.push(value);
    (spec as Record<string, unknown>)[key] = list;
  };
  const health = () => (spec.healthcheck ??= {});

  for (const o of occurrences) {
    const name = o.flag.name;
    const value = o.value ?? '';
    if (!supportedFlags.has(name)) {
      if (!result.unsupported.includes(o.written.startsWith('--') ? `--${name}` : o.written)) {
        result.unsupported.push(o.written.startsWith('--') ? `--${name}` : o.written);
      }
      continue;
    }
    if (o.flag.runOnly && result.mode === 'create') {
      errors.push(`${o.written} is only for docker run, not docker create.`);
      continue;
    }
    switch (name) {
      case 'detach':
        spec.detach = boolValue(o, errors);
        break;
      case 'interactive':
        spec.interactive = boolValue(o, errors);
        break;
      case 'tty':
        spec.tty = boolValue(o, errors);
        break;
      case 'rm':
        spec.autoRemove = boolValue(o, errors);
        break;
      case 'privileged':
        spec.privileged = boolValue(o, errors);
        break;
      case 'read-only':
        spec.readOnlyRootfs = boolValue(o, errors);
        break;
      case 'init':
        spec.init = boolValue(o, errors);
        break;
      case 'publish-all':
        spec.publishAll = boolValue(o, errors);
        break;
      case 'no-healthcheck':
        spec.noHealthcheck = boolValue(o, errors);
        break;
      case 'quiet':
      case 'sig-proxy':
        boolValue(o, errors);
        break;
      case 'name':
        spec.name = value;
        break;
      case 'entrypoint':
        spec.entrypoint = value;
        break;
      case 'hostname':
        spec.hostname = value;
        break;
      case 'domainname':
        spec.domainname = value;
        break;
      case 'user':
        spec.user = value;
        break;
      case 'workdir':
        spec.workdir = value;
        break;
      case 'env':
        if (!value.includes('=')) result.warnings.push(`-e ${value} has no value: the docker CLI would copy it from your shell; here it is sent without one.`);
        push('env', value);
        break;
      case 'label': {
        const [k, v] = keyValue(value);
        spec.labels = { ...spec.labels, [k]: v };
        break;
      }
      case 'log-opt': {
        const [k, v] = keyValue(value);
        if (!value.includes('=')) errors.push(`--log-opt ${value}: write key=value.`);
        spec.logOpts = { ...spec.logOpts, [k]: v };
        break;
      }
      case 'log-driver':
        spec.logDriver = value;
        break;
      case 'restart': {
        const m = /^(no|always|unless-stopped|on-failure)(?::(\d+))?$/.exec(value);
        if (!m || (m[2] !== undefined && m[1] !== 'on-failure')) {
          errors.push(`--restart ${value}: use no, always, unless-stopped or on-failure[:max-retries].`);
          break;
        }
        spec.restart = { name: m[1] as NonNullable<RunSpec['restart']>['name'], ...(m[2] !== undefined ? { maxRetries: Number(m[2]) } : {}) };
        break;
      }
      case 'stop-signal':
        spec.stopSignal = value;
        break;
      case 'stop-timeout':
        spec.stopTimeout = intValue(o, errors);
        break;
      case 'cap-add':
        push('capAdd', value);
        break;
      case 'cap-drop':
        push('capDrop', value);
        break;
      case 'security-opt':
        push('securityOpt', value);
        break;
      case 'device':
        push('devices', value);
        break;
      case 'add-host':
        push('extraHosts', value);
        break;
      case 'dns':
        push('dns', value);
        break;
      case 'dns-search':
        push('dnsSearch', value);
        break;
      case 'dns-option':
        push('dnsOptions', value);
        break;
      case 'expose':
        push('expose', value);
        break;
      case 'mac-address':
        spec.macAddress = value;
        break;
      case 'publish': {
        const port = parsePublish(value);
        if (typeof port === 'string') errors.push(`${o.written} ${value}: ${port}`);
        else push('ports', port);
        break;
      }
      case 'network': {
        const net = parseNetwork(value);
        if (typeof net === 'string') errors.push(`--network ${value}: ${net}`);
        else push('networks', net);
        break;
      }
      case 'network-alias':
        pending.aliases.push(value);
        break;
      case 'ip':
        pending.ipv4 = value;
        break;
      case 'volume': {
        const m = parseVolume(value);
        if (typeof m === 'string') errors.push(`${o.written} ${value}: ${m}`);
        else push('mounts', m);
        break;
      }
      case 'tmpfs': {
        const [target, opts] = splitOnce(value, ':');
        const options = opts ? opts.split(',').filter(Boolean) : [];
        push('mounts', withOptions({ type: 'tmpfs', target, readOnly: options.includes('ro') }, options.filter((x) => x !== 'ro' && x !== 'rw')));
        break;
      }
      case 'mount': {
        const m = parseMountFlag(value);
        if (typeof m === 'string') errors.push(`--mount ${value}: ${m}`);
        else push('mounts', m);
        break;
      }
      case 'health-cmd':
        health().cmd = value;
        break;
      case 'health-interval':
      case 'health-timeout':
      case 'health-start-period': {
        const ns = parseDuration(value);
        if (ns === null) {
          errors.push(`${o.written} ${value}: write a duration like 30s, 1m30s or 500ms.`);
          break;
        }
        const key = name === 'health-interval' ? 'intervalNs' : name === 'health-timeout' ? 'timeoutNs' : 'startPeriodNs';
        health()[key] = ns;
        break;
      }
      case 'health-retries':
        health().retries = intValue(o, errors);
        break;
      case 'memory':
      case 'shm-size': {
        const bytes = parseBytes(value);
        if (bytes === null) errors.push(`${o.written} ${value}: write a size like 512m or 1g.`);
        else if (name === 'memory') spec.memory = bytes;
        else spec.shmSize = bytes;
        break;
      }
      case 'cpus': {
        const n = Number(value);
        if (!value || !Number.isFinite(n) || n < 0) errors.push(`--cpus ${value}: write a number of CPUs like 1.5.`);
        else spec.cpus = n;
        break;
      }
      case 'pids-limit':
        spec.pidsLimit = intValue(o, errors);
        break;
    }
  }

  if (pending.aliases.length || pending.ipv4 !== undefined) {
    const first = spec.networks?.[0];
    if (!first) {
      errors.push('--network-alias and --ip need --network <a user-defined network>: the default bridge has neither.');
    } else {
      if (pending.aliases.length) first.aliases = [...(first.aliases ?? []), ...pending.aliases];
      if (pending.ipv4 !== undefined) first.ipv4 = pending.ipv4;
    }
  }
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function withOptions(m: RunMount, options: string[]): RunMount {
  return options.length ? { ...m, options } : m;
}

/** `-p [ip:][hostPort:]containerPort[/proto]`, with `[v6]` addresses in brackets. */
export function parsePublish(value: string): PublishedPort | string {
  let rest = value;
  let protocol: PublishedPort['protocol'] = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const p = rest.slice(slash + 1).toLowerCase();
    if (p !== 'tcp' && p !== 'udp' && p !== 'sctp') return `"${p}" is not tcp, udp or sctp.`;
    protocol = p;
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') return 'an IPv6 address goes in brackets, then a colon: [::1]:8080:80.';
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  let hostPort: string | undefined;
  let containerPort: string;
  if (hostIp !== undefined) {
    if (parts.length !== 2) return 'write [address]:hostPort:containerPort.';
    [hostPort, containerPort] = parts as [string, string];
  } else if (parts.length === 1) {
    containerPort = parts[0]!;
  } else if (parts.length === 2) {
    [hostPort, containerPort] = parts as [string, string];
  } else if (parts.length === 3) {
    [hostIp, hostPort, containerPort] = parts as [string, string, string];
  } else {
    return 'write [address:][hostPort:]containerPort[/tcp|udp] (an IPv6 address goes in brackets).';
  }
  const portRe = /^\d{1,5}(-\d{1,5})?$/;
  if (!portRe.test(containerPort)) return `"${containerPort}" is not a container port or range.`;
  if (hostPort && !portRe.test(hostPort)) return `"${hostPort}" is not a host port or range.`;
  if (hostIp !== undefined && !/^[0-9a-fA-F.:]+$/.test(hostIp)) return `"${hostIp}" is not an IP address.`;
  return {
    ...(hostIp ? { hostIp } : {}),
    ...(hostPort ? { hostPort } : {}),
    containerPort,
    protocol,
  };
}

/** `--network name` or the long form `--network name=n,alias=a,ip=1.2.3.4`. */
function parseNetwork(value: string): RunNetwork | string {
  if (!value.includes('=')) return { name: value };
  const net: RunNetwork = { name: '' };
  for (const part of value.split(',')) {
    const [k, v] = keyValue(part);
    if (k === 'name') net.name = v;
    else if (k === 'alias') net.aliases = [...(net.aliases ?? []), v];
    else if (k === 'ip') net.ipv4 = v;
    else return `"${k}" is not a network option Dockside carries (name, alias, ip).`;
  }
  return net.name ? net : 'the long form needs name=<network>.';
}

/** `-v [source:]target[:options]`; a source starting with / is a bind, otherwise a named volume. */
export function parseVolume(value: string): RunMount | string {
  const parts = value.split(':');
  if (parts.length > 3) return 'write source:/path[:ro] (a path with ":" needs --mount).';
  if (parts.length === 1) {
    if (!value.startsWith('/')) return 'an anonymous volume is an absolute path in the container.';
    return { type: 'volume', target: value, readOnly: false };
  }
  const [source, target, opts] = parts as [string, string, string | undefined];
  if (!target.startsWith('/')) return `the path in the container ("${target}") must be absolute.`;
  const options = opts ? opts.split(',').filter(Boolean) : [];
  const readOnly = options.includes('ro');
  const rest = options.filter((x) => x !== 'ro' && x !== 'rw');
  if (source.startsWith('/')) return withOptions({ type: 'bind', source, target, readOnly }, rest);
  if (source.startsWith('.') || source.startsWith('~')) {
    return `"${source}" is a relative host path: Dockside runs beside the engine, not in your shell's directory; write the absolute path.`;
  }
  if (!source) return 'the source before ":" is empty.';
  return withOptions({ type: 'volume', source, target, readOnly }, rest);
}

/** `--mount type=bind,source=/a,target=/b,readonly[,key=value…]`. */
function parseMountFlag(value: string): RunMount | string {
  let type: RunMount['type'] = 'volume';
  let source: string | undefined;
  let target: string | undefined;
  let readOnly = false;
  const options: string[] = [];
  for (const part of value.split(',')) {
    if (!part) continue;
    const [k, v] = keyValue(part);
    const hasValue = part.includes('=');
    switch (k.toLowerCase()) {
      case 'type':
        if (v !== 'bind' && v !== 'volume' && v !== 'tmpfs') return `type "${v}" is not bind, volume or tmpfs.`;
        type = v;
        break;
      case 'source':
      case 'src':
        source = v;
        break;
      case 'target':
      case 'destination':
      case 'dst':
        target = v;
        break;
      case 'readonly':
      case 'ro':
        if (hasValue && !['true', '1', 'false', '0'].includes(v)) return `readonly takes true or false, not "${v}".`;
        readOnly = !hasValue || v === 'true' || v === '1';
        break;
      default:
        if (!MOUNT_OPTIONS.has(k)) return `"${k}" is not a --mount option Dockside carries (${[...MOUNT_OPTIONS].join(', ')}).`;
        options.push(part);
    }
  }
  if (!target) return 'it needs target=<path in the container>.';
  const m: RunMount = { type, target, readOnly, viaMount: true, ...(source ? { source } : {}) };
  return withOptions(m, options);
}

/** `--mount` keys carried beyond type/source/target/readonly (mapped in create-body.ts). */
export const MOUNT_OPTIONS = new Set(['bind-propagation', 'volume-nocopy', 'tmpfs-size', 'tmpfs-mode']);

// ---------------------------------------------------------------------------------------------
// Formatting

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for a POSIX shell: bare when safe, else in single quotes ('\'' for a quote). */
export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function formatPublish(p: PublishedPort): string {
  const ip = p.hostIp ? (p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp) : '';
  const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
  if (ip) return `${ip}:${p.hostPort ?? ''}:${p.containerPort}${proto}`;
  if (p.hostPort) return `${p.hostPort}:${p.containerPort}${proto}`;
  return `${p.containerPort}${proto}`;
}

function formatMount(m: RunMount): [string, string] {
  const opts = [...(m.readOnly ? ['ro'] : []), ...(m.options ?? [])];
  if (m.viaMount || (m.type === 'volume' && !m.source && opts.length)) {
    const parts = [`type=${m.type}`, ...(m.source ? [`source=${m.source}`] : []), `target=${m.target}`, ...(m.readOnly ? ['readonly'] : []), ...(m.options ?? [])];
    return ['--mount', parts.join(',')];
  }
  if (m.type === 'tmpfs') return ['--tmpfs', opts.length ? `${m.target}:${opts.join(',')}` : m.target];
  const base = m.source ? `${m.source}:${m.target}` : m.target;
  return ['-v', opts.length ? `${base}:${opts.join(',')}` : base];
}

/** The argv of `docker run|create …` that makes what the spec says (without quoting). */
export function runSpecToArgv(spec: RunSpec, mode: RunMode = 'run'): string[] {
  const a: string[] = ['docker', mode];
  const flag = (on: boolean | undefined, f: string) => on && a.push(f);
  const opt = (v: string | number | undefined, f: string) => v !== undefined && a.push(f, String(v));
  const each = (list: string[] | undefined, f: string) => list?.forEach((v) => a.push(f, v));

  if (mode === 'run') flag(spec.detach, '-d');
  flag(spec.interactive, '-i');
  flag(spec.tty, '-t');
  flag(spec.autoRemove, '--rm');
  opt(spec.name, '--name');
  opt(spec.hostname, '--hostname');
  opt(spec.domainname, '--domainname');
  opt(spec.user, '--user');
  opt(spec.workdir, '--workdir');
  each(spec.env, '-e');
  for (const [k, v] of Object.entries(spec.labels ?? {})) a.push('--label', `${k}=${v}`);
  for (const p of spec.ports ?? []) a.push('-p', formatPublish(p));
  flag(spec.publishAll, '-P');
  each(spec.expose, '--expose');
  for (const m of spec.mounts ?? []) a.push(...formatMount(m));
  if (spec.restart) a.push('--restart', spec.restart.maxRetries !== undefined ? `${spec.restart.name}:${spec.restart.maxRetries}` : spec.restart.name);
  spec.networks?.forEach((n, i) => {
    if (i === 0) {
      a.push('--network', n.name);
      each(n.aliases, '--network-alias');
      opt(n.ipv4, '--ip');
    } else {
      a.push('--network', [`name=${n.name}`, ...(n.aliases ?? []).map((x) => `alias=${x}`), ...(n.ipv4 ? [`ip=${n.ipv4}`] : [])].join(','));
    }
  });
  opt(spec.macAddress, '--mac-address');
  each(spec.extraHosts, '--add-host');
  each(spec.dns, '--dns');
  each(spec.dnsSearch, '--dns-search');
  each(spec.dnsOptions, '--dns-option');
  flag(spec.init, '--init');
  flag(spec.privileged, '--privileged');
  flag(spec.readOnlyRootfs, '--read-only');
  each(spec.capAdd, '--cap-add');
  each(spec.capDrop, '--cap-drop');
  each(spec.securityOpt, '--security-opt');
  each(spec.devices, '--device');
  if (spec.memory !== undefined) a.push('--memory', formatBytes(spec.memory));
  opt(spec.cpus, '--cpus');
  opt(spec.pidsLimit, '--pids-limit');
  if (spec.shmSize !== undefined) a.push('--shm-size', formatBytes(spec.shmSize));
  const h = spec.healthcheck;
  if (h) {
    opt(h.cmd, '--health-cmd');
    if (h.intervalNs !== undefined) a.push('--health-interval', formatDuration(h.intervalNs));
    if (h.timeoutNs !== undefined) a.push('--health-timeout', formatDuration(h.timeoutNs));
    if (h.startPeriodNs !== undefined) a.push('--health-start-period', formatDuration(h.startPeriodNs));
    opt(h.retries, '--health-retries');
  }
  flag(spec.noHealthcheck, '--no-healthcheck');
  opt(spec.logDriver, '--log-driver');
  for (const [k, v] of Object.entries(spec.logOpts ?? {})) a.push('--log-opt', `${k}=${v}`);
  opt(spec.stopSignal, '--stop-signal');
  opt(spec.stopTimeout, '--stop-timeout');
  opt(spec.entrypoint, '--entrypoint');
  // `--` is not needed: the image never starts with "-".
  a.push(spec.image, ...(spec.command ?? []));
  return a;
}

/** The spec as one correctly quoted `docker run …` line. */
export function formatRunLine(spec: RunSpec, mode: RunMode = 'run'): string {
  return runSpecToArgv(spec, mode).map(shellQuote).join(' ');
}

/**
 * The spec without what means nothing: empty lists and maps, false switches, an empty healthcheck,
 * an empty command (the CLI cannot say "no arguments" either). Two specs that make the same
 * container normalise to the same value.
 */
export function normalizeRunSpec(spec: RunSpec): RunSpec {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) {
    if (v === undefined || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  // `/dev/x:/dev/x:rwm` and `/dev/x` make the same device: the engine keeps host, container, perms.
  if (out.devices) out.devices = (out.devices as string[]).map(canonicalDevice);
  const restart = out.restart as RunSpec['restart'];
  if (restart?.name === 'no') delete out.restart;
  else if (restart?.maxRetries === 0) out.restart = { name: restart.name };
  if (out.networks) {
    out.networks = (out.networks as RunNetwork[]).map((n) => {
      const c: RunNetwork = { name: n.name };
      if (n.aliases?.length) c.aliases = n.aliases;
      if (n.ipv4) c.ipv4 = n.ipv4;
      return c;
    });
  }
  if (out.mounts) {
    out.mounts = (out.mounts as RunMount[]).map((m) => {
      const c: RunMount = { type: m.type, target: m.target, readOnly: m.readOnly };
      if (m.source !== undefined && m.source !== '') c.source = m.source;
      if (m.options?.length) c.options = m.options;
      if (m.viaMount) c.viaMount = true;
      return c;
    });
  }
  return out as RunSpec;
}

/** `--device /dev/x[:/dev/y][:perms]` → its parts, as the CLI reads it (a lone second part of r/w/m letters is perms). */
export function parseDevice(d: string): { host: string; inContainer: string; perms: string } {
  const parts = d.split(':');
  const host = parts[0]!;
  if (parts.length === 2) return /^[rwm]{1,3}$/.test(parts[1]!) ? { host, inContainer: host, perms: parts[1]! } : { host, inContainer: parts[1]!, perms: 'rwm' };
  if (parts.length >= 3) return { host, inContainer: parts[1]!, perms: parts[2]! };
  return { host, inContainer: host, perms: 'rwm' };
}

/** A `--device` value in its shortest form: the container path only when it differs, perms only when not rwm. */
export function canonicalDevice(d: string): string {
  const { host, inContainer, perms } = parseDevice(d);
  return [host, inContainer === host ? '' : inContainer, perms === 'rwm' ? '' : perms].filter(Boolean).join(':');
}
