import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSpecSchema, type RunSpec } from '../run-spec';
import { specArb } from './testing/arbitraries';
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
    expect(parseRunLine('docker run --unknown-thing NGINX').errors[0]).toMatch(/The image "NGINX"/);
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
  it('treats # as a comment only at the start of a word, as a shell does', () => {
    expect(splitShellWords('docker run -e COLOR=#fff img # a comment').words).toEqual(['docker', 'run', '-e', 'COLOR=#fff', 'img']);
    expect(splitShellWords(`a "b#c" 'd#e' f\\#g`).words).toEqual(['a', 'b#c', 'd#e', 'f#g']);
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

// Generous timeouts: hundreds of generated specs take seconds on a busy 2-core machine.
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
  }, 60_000);

  it('line → spec → line is stable after one pass (a parsed line formats to a fixed point)', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const once = formatRunLine(parseRunLine(formatRunLine(spec)).spec);
        expect(formatRunLine(parseRunLine(once).spec)).toBe(once);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('the generated specs are valid by the schema the route applies', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const r = runSpecSchema.safeParse(spec);
        expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
      }),
    );
  });
});

describe('advanced fields: parsed from the line and checked by the shared schema', () => {
  it('reads devices, security options, DNS, hosts, MAC, shm, stop signal/timeout and the health check', () => {
    const r = parseRunLine(
      "docker run --device /dev/fuse --device=/dev/null:/dev/n:rw --security-opt no-new-privileges --dns 10.0.0.53 --dns-search example.com --dns-opt ndots:2 --add-host db:10.0.0.5 --mac-address 02:42:ac:11:00:02 --shm-size 128m --stop-signal SIGINT --stop-timeout 20 --health-cmd 'true' --health-interval 10s --health-timeout 2s --health-start-period 1m --health-retries 3 busybox",
    );
    expect(r.errors).toEqual([]);
    expect(r.unsupported).toEqual([]);
    expect(r.spec).toMatchObject({
      devices: ['/dev/fuse', '/dev/null:/dev/n:rw'],
      securityOpt: ['no-new-privileges'],
      dns: ['10.0.0.53'],
      dnsSearch: ['example.com'],
      dnsOptions: ['ndots:2'],
      extraHosts: ['db:10.0.0.5'],
      macAddress: '02:42:ac:11:00:02',
      shmSize: 128 * 1024 ** 2,
      stopSignal: 'SIGINT',
      stopTimeout: 20,
      healthcheck: { cmd: 'true', intervalNs: 10e9, timeoutNs: 2e9, startPeriodNs: 60e9, retries: 3 },
    });
    expect(runSpecSchema.safeParse(r.spec).success).toBe(true);
  });

  it.each([
    ['devices', ['dev/fuse'], /A device is/],
    ['devices', ['/dev/fuse:/dev/x:rwx'], /A device is/],
    ['securityOpt', ['seccomp unconfined'], /A security option/],
    ['dns', ['dns.example.com'], /A DNS server is an IPv4 or IPv6 address/],
    ['dnsSearch', ['bad domain'], /A search domain/],
    ['dnsOptions', ['ndots 2'], /A DNS option/],
    ['extraHosts', ['db'], /A host entry is name:address/],
    ['extraHosts', ['db:not-an-ip'], /IPv4 or IPv6 address, or host-gateway/],
    ['macAddress', '02:42:ac', /A MAC address/],
    ['stopSignal', 'SIG INT', /A stop signal/],
    ['stopTimeout', 1.5, /whole seconds/],
  ] as const)('refuses a bad %s (%j)', (key, value, message) => {
    const r = runSpecSchema.safeParse({ image: 'busybox', [key]: value });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(message);
  });

  it('accepts host-gateway and IPv6 in extra hosts, "." as a search domain, numeric signals', () => {
    expect(runSpecSchema.safeParse({ image: 'busybox', extraHosts: ['gw:host-gateway', 'v6:fd00::5'], dnsSearch: ['.'], stopSignal: '9', dns: ['::1'] }).success).toBe(true);
  });
});
