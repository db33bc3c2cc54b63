import fc from 'fast-check';
import type { RunMount, RunSpec } from '../../run-spec';

// Generated run specs for property tests (tests only). Values stay in the ranges an engine accepts,
// and zero never stands for "the default" (the engine keeps no difference between the two).

/** Any text, including quotes, spaces, $, newlines and non-ASCII: the quoting must carry it. */
export const anyText = fc.string({ minLength: 0, maxLength: 12, unit: fc.constantFrom('a', 'Z', '0', ' ', "'", '"', '$', '\\', '\n', '*', '#', '=', ':', '-', 'é', '!', '(', '|', ';') });
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

export const specArb: fc.Arbitrary<RunSpec> = fc.record(
  {
    image: fc.stringMatching(/^[a-z0-9]+(\/[a-z0-9]+)?(:[a-z0-9][a-z0-9.]*)?$/),
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
    // One mount per container path, as the engine requires (it refuses a duplicate mount point).
    mounts: fc.uniqueArray(mountArb, { minLength: 1, maxLength: 3, selector: (m) => m.target }),
    restart: fc.oneof(
      fc.record({ name: fc.constantFrom('no' as const, 'always' as const, 'unless-stopped' as const) }),
      fc.record({ name: fc.constant('on-failure' as const), maxRetries: fc.nat(20) }, { requiredKeys: ['name'] }),
    ),
    // A network once per container (a second endpoint on it is refused: lib/protocol/run/checks.ts).
    networks: fc.uniqueArray(
      fc.record({ name: word, aliases: fc.array(word, { minLength: 1, maxLength: 2 }), ipv4: fc.ipV4() }, { requiredKeys: ['name'] }),
      { minLength: 1, maxLength: 2, selector: (n) => n.name },
    ),
    interactive: fc.constant(true),
    tty: fc.constant(true),
    detach: fc.constant(true),
    autoRemove: fc.constant(true),
    init: fc.constant(true),
    privileged: fc.constant(true),
    readOnlyRootfs: fc.constant(true),
    capAdd: fc.array(fc.constantFrom('NET_ADMIN', 'SYS_PTRACE'), { minLength: 1, maxLength: 2 }),
    memory: fc.integer({ min: 8, max: 4096 }).map((mb) => mb * 1024 * 1024),
    cpus: fc.integer({ min: 1, max: 800 }).map((n) => n / 100),
    pidsLimit: fc.integer({ min: 1, max: 10000 }),
    healthcheck: fc.record(
      {
        cmd: anyText.filter((s) => s.length > 0),
        intervalNs: fc.integer({ min: 1, max: 3600 }).map((s) => s * 1e9),
        timeoutNs: fc.integer({ min: 1, max: 600_000 }).map((ms) => ms * 1e6),
        startPeriodNs: fc.integer({ min: 1, max: 600 }).map((s) => s * 1e9),
        retries: fc.integer({ min: 1, max: 10 }),
      },
      { requiredKeys: [] },
    ),
    devices: fc.array(
      fc.tuple(fc.constantFrom('/dev/null', '/dev/zero', '/dev/fuse'), fc.option(fc.constantFrom('/dev/a', '/dev/x1'), { nil: undefined }), fc.option(fc.constantFrom('r', 'rw', 'rwm', 'm'), { nil: undefined })).map(([h, c, p]) => [h, c, p].filter(Boolean).join(':')),
      { minLength: 1, maxLength: 2 },
    ),
    securityOpt: fc.array(fc.constantFrom('no-new-privileges', 'no-new-privileges:true', 'seccomp=unconfined', 'apparmor=unconfined', 'label=type:container_t'), { minLength: 1, maxLength: 2 }),
    dns: fc.array(fc.oneof(fc.ipV4(), fc.constantFrom('::1', 'fd00::53')), { minLength: 1, maxLength: 2 }),
    dnsSearch: fc.array(fc.constantFrom('example.com', 'corp.internal', '.'), { minLength: 1, maxLength: 2 }),
    dnsOptions: fc.array(fc.constantFrom('ndots:2', 'timeout:1', 'rotate', 'use-vc'), { minLength: 1, maxLength: 2 }),
    extraHosts: fc.array(fc.tuple(word, fc.oneof(fc.ipV4(), fc.constant('host-gateway'), fc.constant('::1'))).map(([n, ip]) => `${n}:${ip}`), { minLength: 1, maxLength: 2 }),
    macAddress: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }).map((b) => b.map((x) => x.toString(16).padStart(2, '0')).join(':')),
    // Not the engine's default (64 MiB): a spec carries only what differs from the defaults, as runlike does.
    shmSize: fc.integer({ min: 1, max: 1024 }).filter((mb) => mb !== 64).map((mb) => mb * 1024 * 1024),
    stopSignal: fc.constantFrom('SIGINT', 'SIGQUIT', 'SIGUSR1', '9'),
    logDriver: fc.constantFrom('json-file', 'local', 'none'),
    logOpts: fc.dictionary(fc.stringMatching(/^[a-z][a-z-]{0,8}$/), anyText, { minKeys: 1, maxKeys: 2 }),
    stopTimeout: fc.integer({ min: 0, max: 600 }),
  },
  { requiredKeys: ['image'] },
);

