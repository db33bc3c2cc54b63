import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSpecSchema, type RunMount, type RunSpec } from '../protocol/run-spec';
import { dockerRunFlags } from './docker-flags';
import { formatRunLine, normalizeRunSpec, parseRunLine, shellQuote, splitShellWords } from './run-line';
import { formatBytes, formatDuration, parseBytes, parseDuration } from './units';

describe('parseRunLine: real-world lines', () => {
  const cases: Array<[string, Partial<RunSpec>]> = [
    ['docker run -dit busybox sh', { detach: true, interactive: true, tty: true, image: 'busybox', command: ['sh'] }],
    ['docker run --env=A=B -e C=d=e img', { env: ['A=B', 'C=d=e'], image: 'img' }],
    [
      'docker run -p 127.0.0.1:8080-8081:80-81/udp -p 8443:443 -p 53/udp -p [::1]:5000:5000 img',
      {
        ports: [
          { hostIp: '127.0.0.1', hostPort: '8080-8081', containerPort: '80-81', protocol: 'udp' },
          { hostPort: '8443', containerPort: '443', protocol: 'tcp' },
          { containerPort: '53', protocol: 'udp' },
          { hostIp: '::1', hostPort: '5000', containerPort: '5000', protocol: 'tcp' },
        ],
        image: 'img',
      },
    ],
    ['docker run -v a:/b:ro -v /host/dir:/data -v /anon img', {
      mounts: [
        { type: 'volume', source: 'a', target: '/b', readOnly: true },
        { type: 'bind', source: '/host/dir', target: '/data', readOnly: false },
        { type: 'volume', target: '/anon', readOnly: false },
      ],
      image: 'img',
    }],
    ['docker run --restart on-failure:5 img', { restart: { name: 'on-failure', maxRetries: 5 }, image: 'img' }],
    ['docker run --restart=unless-stopped img', { restart: { name: 'unless-stopped' }, image: 'img' }],
    ["docker run --entrypoint '' img", { entrypoint: '', image: 'img' }],
    [`docker run --rm img sh -c "echo 'hi there'; exit 3"`, { autoRemove: true, image: 'img', command: ['sh', '-c', "echo 'hi there'; exit 3"] }],
    ['docker run -itp 8080:80 img', { interactive: true, tty: true, ports: [{ hostPort: '8080', containerPort: '80', protocol: 'tcp' }], image: 'img' }],
    ['docker run -p8080:80 -eA=1 -e=B=2 img', { ports: [{ hostPort: '8080', containerPort: '80', protocol: 'tcp' }], env: ['A=1', 'B=2'], image: 'img' }],
    ['docker container create --name web -l a=b -l c img', { name: 'web', labels: { a: 'b', c: '' }, image: 'img' }],
    ['docker run -- img -v', { image: 'img', command: ['-v'] }],
    ['docker run img --name x', { image: 'img', command: ['--name', 'x'] }],
    ['docker run -m 512m --cpus 1.5 --pids-limit 100 --shm-size=1g img', { memory: 512 * 1024 ** 2, cpus: 1.5, pidsLimit: 100, shmSize: 1024 ** 3, image: 'img' }],
    [
      "docker run --health-cmd 'wget -q -O- http://localhost/ || exit 1' --health-interval 30s --health-retries 3 img",
      { healthcheck: { cmd: 'wget -q -O- http://localhost/ || exit 1', intervalNs: 30e9, retries: 3 }, image: 'img' },
    ],
    ['docker run --network mynet --network-alias web --ip 10.1.0.5 img', { networks: [{ name: 'mynet', aliases: ['web'], ipv4: '10.1.0.5' }], image: 'img' }],
    ['docker run --log-driver json-file --log-opt max-size=10m --log-opt max-file=3 img', { logDriver: 'json-file', logOpts: { 'max-size': '10m', 'max-file': '3' }, image: 'img' }],
    ['docker run --tmpfs /run:size=64m --mount type=bind,src=/etc,dst=/host-etc,readonly img', {
      mounts: [
        { type: 'tmpfs', target: '/run', readOnly: false, options: ['size=64m'] },
        { type: 'bind', source: '/etc', target: '/host-etc', readOnly: true, viaMount: true },
      ],
      image: 'img',
    }],
    ['sudo docker -H unix:///x.sock run img', { image: 'img' }],
    ['docker run \\\n  -d \\\n  nginx:1.27', { detach: true, image: 'nginx:1.27' }],
    ['-d -p 80:80 nginx', { detach: true, ports: [{ hostPort: '80', containerPort: '80', protocol: 'tcp' }], image: 'nginx' }],
  ];
  it.each(cases)('%s', (line, expected) => {
    const r = parseRunLine(line);
    expect(r.errors).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.spec).toEqual(expected);
  });

  it('reads `docker create` as create mode and refuses -d there', () => {
    expect(parseRunLine('docker create img').mode).toBe('create');
    expect(parseRunLine('docker create -d img').errors[0]).toMatch(/only for docker run/);
  });

  it('reports an unknown flag by name and never lets it eat the next word', () => {
    const r = parseRunLine('docker run --frobnicate -Z nginx echo hi');
    expect(r.unknown).toEqual(['--frobnicate', '-Z']);
    expect(r.spec.image).toBe('nginx');
    expect(r.spec.command).toEqual(['echo', 'hi']);
  });

  it('lists supported-by-docker but not-by-Dockside flags, consuming their values', () => {
    const r = parseRunLine('docker run --gpus all --ulimit nofile=1024 --cidfile /tmp/x -a stdout img');
    expect(r.unsupported).toEqual(['--gpus', '--ulimit', '--cidfile', '-a']);
    expect(r.spec).toEqual({ image: 'img' });
    expect(r.errors).toEqual([]);
  });

  it('says what is wrong instead of guessing', () => {
    expect(parseRunLine('docker run').errors[0]).toMatch(/no image/);
    expect(parseRunLine('docker run -p').errors[0]).toMatch(/-p needs a value/);
    expect(parseRunLine('docker run --restart sometimes img').errors[0]).toMatch(/--restart sometimes/);
    expect(parseRunLine('docker run -p 1:2:3:4 img').errors[0]).toMatch(/-p 1:2:3:4/);
    expect(parseRunLine('docker run -v ./data:/data img').errors[0]).toMatch(/relative host path/);
    expect(parseRunLine('docker ps -a').errors[0]).toMatch(/not docker run/);
    expect(parseRunLine('docker run img | grep x').errors[0]).toMatch(/shell syntax/);
    expect(parseRunLine('docker run --ip 10.0.0.2 img').errors[0]).toMatch(/--network/);
  });

  it('keeps shell variables as written and says so', () => {
    const r = parseRunLine('docker run -e HOME=$HOME -v "${PWD}/x:/x" img');
    expect(r.spec.env).toEqual(['HOME=$HOME']);
    expect(r.warnings.join(' ')).toMatch(/\$HOME/);
  });

  it('knows every flag in the table by its long name, aliases and short letter', () => {
    for (const f of dockerRunFlags) {
      const value = f.takesValue ? ' x' : '';
      for (const spelling of [`--${f.name}`, ...(f.aliases ?? []).map((a) => `--${a}`), ...(f.short ? [`-${f.short}`] : [])]) {
        const r = parseRunLine(`docker run ${spelling}${value} img`);
        expect(r.unknown, spelling).toEqual([]);
        expect(r.spec.image, spelling).toBe('img');
      }
    }
  });
});

describe('shell words', () => {
  it('splits quotes and escapes as a POSIX shell does', () => {
    expect(splitShellWords(`a "b c" 'd e' f\\ g "h\\"i" ''`).words).toEqual(['a', 'b c', 'd e', 'f g', 'h"i', '']);
  });
  it('quotes only what needs it', () => {
    expect(shellQuote('A=B')).toBe('A=B');
    expect(shellQuote('127.0.0.1:80:80/udp')).toBe('127.0.0.1:80:80/udp');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$HOME')).toBe("'$HOME'");
  });
});

describe('units', () => {
  it('reads sizes and durations as the CLI does', () => {
    expect(parseBytes('512m')).toBe(512 * 1024 ** 2);
    expect(parseBytes('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseBytes('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseBytes('lots')).toBeNull();
    expect(parseDuration('1m30s')).toBe(90e9);
    expect(parseDuration('500ms')).toBe(500e6);
    expect(parseDuration('soon')).toBeNull();
  });
  it('writes back exactly what it reads', () => {
    fc.assert(fc.property(fc.nat({ max: 2 ** 40 }), (n) => parseBytes(formatBytes(n)) === n));
    fc.assert(fc.property(fc.nat({ max: 2 ** 50 }), (n) => parseDuration(formatDuration(n)) === n));
  });
});

// ---------------------------------------------------------------------------------------------
// Property: spec → line → spec is the identity (after normalisation), for generated specs.

/** Any text, including quotes, spaces, $, newlines and non-ASCII: the quoting must carry it. */
const anyText = fc.string({ minLength: 0, maxLength: 12, unit: fc.constantFrom('a', 'Z', '0', ' ', "'", '"', '$', '\\', '\n', '*', '#', '=', ':', '-', 'é', '!', '(', '|', ';') });
const word = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,10}$/);
const absPath = fc.array(fc.stringMatching(/^[a-zA-Z0-9_. -]{1,8}$/), { minLength: 1, maxLength: 3 }).map((p) => `/${p.join('/')}`);
const port = fc.integer({ min: 1, max: 65535 }).map(String);
const portRange = fc.oneof(port, fc.tuple(fc.integer({ min: 1, max: 60000 }), fc.nat(100)).map(([a, d]) => `${a}-${a + d}`));

const mountArb: fc.Arbitrary<RunMount> = fc.oneof(
  fc.record({ type: fc.constant('bind' as const), source: absPath, target: absPath, readOnly: fc.boolean() }),
  fc.record({ type: fc.constant('volume' as const), source: word, target: absPath, readOnly: fc.boolean() }),
  fc.record({ type: fc.constant('volume' as const), target: absPath, readOnly: fc.constant(false) }),
  fc.record({ type: fc.constant('tmpfs' as const), target: absPath, readOnly: fc.boolean(), options: fc.constant(['size=64m'] as string[]) }),
  fc.record({ type: fc.constant('bind' as const), source: absPath, target: absPath, readOnly: fc.boolean(), viaMount: fc.constant(true) }),
);

const specArb: fc.Arbitrary<RunSpec> = fc.record(
  {
    image: fc.stringMatching(/^[a-z0-9]+(\/[a-z0-9]+)?(:[a-z0-9.]+)?$/),
    name: fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,20}$/),
    command: fc.array(anyText, { minLength: 1, maxLength: 4 }),
    entrypoint: anyText,
    workdir: absPath,
    user: fc.stringMatching(/^[a-z0-9]{1,8}(:[a-z0-9]{1,8})?$/),
    hostname: word,
    env: fc.array(fc.tuple(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), anyText).map(([k, v]) => `${k}=${v}`), { minLength: 1, maxLength: 4 }),
    labels: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/), anyText, { minKeys: 1, maxKeys: 3 }),
    ports: fc.array(
      fc.record(
        {
          hostIp: fc.constantFrom('127.0.0.1', '0.0.0.0', '::1'),
          hostPort: portRange,
          containerPort: portRange,
          protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'sctp' as const),
        },
        { requiredKeys: ['containerPort', 'protocol'] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    publishAll: fc.constant(true),
    mounts: fc.array(mountArb, { minLength: 1, maxLength: 3 }),
    restart: fc.oneof(
      fc.record({ name: fc.constantFrom('no' as const, 'always' as const, 'unless-stopped' as const) }),
      fc.record({ name: fc.constant('on-failure' as const), maxRetries: fc.nat(20) }, { requiredKeys: ['name'] }),
    ),
    networks: fc.array(
      fc.record({ name: word, aliases: fc.array(word, { minLength: 1, maxLength: 2 }), ipv4: fc.ipV4() }, { requiredKeys: ['name'] }),
      { minLength: 1, maxLength: 2 },
    ),
    interactive: fc.constant(true),
    tty: fc.constant(true),
    detach: fc.constant(true),
    autoRemove: fc.constant(true),
    init: fc.constant(true),
    privileged: fc.constant(true),
    readOnlyRootfs: fc.constant(true),
    capAdd: fc.array(fc.constantFrom('NET_ADMIN', 'SYS_PTRACE'), { minLength: 1, maxLength: 2 }),
    memory: fc.nat({ max: 2 ** 36 }),
    cpus: fc.integer({ min: 1, max: 800 }).map((n) => n / 100),
    pidsLimit: fc.integer({ min: -1, max: 10000 }),
    healthcheck: fc.record(
      { cmd: anyText.filter((s) => s.length > 0), intervalNs: fc.nat({ max: 3600 }).map((s) => s * 1e9), retries: fc.nat(10) },
      { requiredKeys: [] },
    ),
    logDriver: fc.constantFrom('json-file', 'local', 'none'),
    logOpts: fc.dictionary(fc.stringMatching(/^[a-z][a-z-]{0,8}$/), anyText, { minKeys: 1, maxKeys: 2 }),
    stopTimeout: fc.integer({ min: 0, max: 600 }),
  },
  { requiredKeys: ['image'] },
);

describe('round trip', () => {
  it('spec → docker run line → spec gives the same spec', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const line = formatRunLine(spec);
        const parsed = parseRunLine(line);
        expect(parsed.errors, line).toEqual([]);
        expect(parsed.unknown, line).toEqual([]);
        expect(parsed.unsupported, line).toEqual([]);
        expect(normalizeRunSpec(parsed.spec)).toEqual(normalizeRunSpec(spec));
      }),
      { numRuns: 400 },
    );
  });

  it('line → spec → line is stable after one pass (a parsed line formats to a fixed point)', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const once = formatRunLine(parseRunLine(formatRunLine(spec)).spec);
        expect(formatRunLine(parseRunLine(once).spec)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it('the generated specs are valid by the schema the route applies', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const r = runSpecSchema.safeParse(spec);
        expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
      }),
    );
  });
});
