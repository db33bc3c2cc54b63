import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addEngineRequestSchema, editEngineRequestSchema, isLoopbackHost, parseEngineAddress } from './engine-address';

const PEM = (label: string) => `-----BEGIN ${label}-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END ${label}-----\n`;
const issues = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe('parseEngineAddress', () => {
  it('reads unix, tcp and ssh addresses into their parts', () => {
    expect(parseEngineAddress('unix:///var/run/docker.sock')).toEqual({ transport: 'unix', path: '/var/run/docker.sock' });
    expect(parseEngineAddress('tcp://build.example:2376')).toEqual({ transport: 'tcp', host: 'build.example', port: 2376 });
    expect(parseEngineAddress('tcp://[::1]:2375')).toEqual({ transport: 'tcp', host: '::1', port: 2375 });
    expect(parseEngineAddress('ssh://ci@build-box:2222')).toEqual({ transport: 'ssh', user: 'ci', host: 'build-box', port: 2222 });
    expect(parseEngineAddress('ssh://build-box')).toEqual({ transport: 'ssh', host: 'build-box' });
  });

  it('refuses what is not one of them, ssh option look-alikes and missing ports included', () => {
    for (const a of ['', 'unix://', 'unix://relative.sock', 'tcp://host', 'tcp://host:0', 'tcp://host:70000', 'tcp://-oProxyCommand=x:1', 'ssh://-oProxyCommand=x', 'ssh://a b@host', 'ssh://me:pw@host', 'ssh://host/path', 'http://host:2375', 'npipe:////./pipe/docker_engine', 'tcp://host:2375/x']) {
      expect(parseEngineAddress(a), a).toBeNull();
    }
  });

  it('round-trips every tcp host:port it accepts', () => {
    const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 65535 }), (labels, port) => {
        const host = labels.join('.');
        expect(parseEngineAddress(`tcp://${host}:${port}`)).toEqual({ transport: 'tcp', host, port });
        expect(parseEngineAddress(`ssh://me@${host}:${port}`)).toEqual({ transport: 'ssh', user: 'me', host, port });
      }),
    );
  });

  it('never accepts a host that starts with "-" (it would reach ssh as an option)', () => {
    fc.assert(
      fc.property(fc.string(), (rest) => {
        expect(parseEngineAddress(`ssh://-${rest}`)).toBeNull();
        expect(parseEngineAddress(`tcp://-${rest}:2375`)).toBeNull();
      }),
    );
  });
});

describe('isLoopbackHost', () => {
  it('is localhost, ::1 and 127/8 only', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['10.0.0.1', '0.0.0.0', 'localhost.example', '128.0.0.1', '::', 'example.com']) expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe('addEngineRequestSchema', () => {
  it('takes a unix socket, TLS tcp with PEM parts, loopback plain tcp, and ssh', () => {
    expect(addEngineRequestSchema.safeParse({ name: 'lab', address: 'unix:///tmp/x.sock' }).success).toBe(true);
    expect(addEngineRequestSchema.safeParse({ name: 'build', address: 'tcp://build:2376', tls: { ca: PEM('CERTIFICATE'), cert: PEM('CERTIFICATE'), key: PEM('EC PRIVATE KEY') } }).success).toBe(true);
    expect(addEngineRequestSchema.safeParse({ name: 'local', address: 'tcp://127.0.0.1:2375' }).success).toBe(true);
    expect(addEngineRequestSchema.safeParse({ name: 'far', address: 'ssh://ci@far.example' }).success).toBe(true);
  });

  it('refuses plain TCP to another machine unless the risk is accepted, and says why', () => {
    const refused = addEngineRequestSchema.safeParse({ name: 'far', address: 'tcp://10.1.2.3:2375' });
    expect(issues(refused).join(' ')).toMatch(/Plain TCP \(no TLS\) to 10\.1\.2\.3 is refused.*take root/);
    expect(addEngineRequestSchema.safeParse({ name: 'far', address: 'tcp://10.1.2.3:2375', acceptInsecure: true }).success).toBe(true);
    expect(addEngineRequestSchema.safeParse({ name: 'far', address: 'tcp://10.1.2.3:2375', tls: {} }).success).toBe(true);
  });

  it('refuses names outside the engine-name rule, TLS on non-tcp engines, half a client pair and non-PEM text', () => {
    expect(addEngineRequestSchema.safeParse({ name: '../x', address: 'unix:///tmp/x.sock' }).success).toBe(false);
    expect(issues(addEngineRequestSchema.safeParse({ name: 'a', address: 'unix:///tmp/x.sock', tls: { ca: PEM('CERTIFICATE') } })).join()).toMatch(/tcp:\/\/ engines only/);
    expect(issues(addEngineRequestSchema.safeParse({ name: 'a', address: 'tcp://h:2376', tls: { cert: PEM('CERTIFICATE') } })).join()).toMatch(/go together/);
    expect(issues(addEngineRequestSchema.safeParse({ name: 'a', address: 'tcp://h:2376', tls: { ca: 'not a pem' } })).join()).toMatch(/not PEM text/);
    expect(addEngineRequestSchema.safeParse({ name: 'a', address: 'tcp://h:2376', tls: { ca: `${PEM('CERTIFICATE')}${'x'.repeat(70_000)}` } }).success).toBe(false);
  });
});

describe('editEngineRequestSchema', () => {
  it('lets TLS parts be left out (kept), null (removed) or new', () => {
    expect(editEngineRequestSchema.safeParse({ address: 'tcp://10.1.2.3:2376' }).success).toBe(true); // TLS kept as stored
    expect(editEngineRequestSchema.safeParse({ address: 'tcp://h:2376', tls: { key: null, cert: null, ca: PEM('CERTIFICATE') } }).success).toBe(true);
    expect(editEngineRequestSchema.safeParse({ address: 'tcp://10.1.2.3:2375', tls: null }).success).toBe(false); // TLS off to another machine
    expect(editEngineRequestSchema.safeParse({ address: 'tcp://10.1.2.3:2375', tls: null, acceptInsecure: true }).success).toBe(true);
  });
});
