import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../../test/support/fake-engine';
import { EngineError } from './errors';
import { getEngine, listEngineEntries, listEngines, parseExtraEngines, registerEngine, unregisterEngine } from './registry';

describe('engine registry', () => {
  it('gives the default engine when no name is given, the same one each time', () => {
    const e = getEngine();
    expect(e.name).toBe('default');
    expect(getEngine('default')).toBe(e);
    expect(listEngines()[0]).toBe(e);
  });

  it('refuses an unknown name with not_found, naming the engines it knows', () => {
    let err: unknown;
    try {
      getEngine('build-box');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ code: 'not_found' });
    expect((err as Error).message).toMatch(/No engine called `build-box`.*default/);
  });

  it('registers, replaces (closing the old one) and removes engines by name', () => {
    const first = new FakeEngine('extra');
    first.addContainer('x');
    registerEngine(first);
    expect(getEngine('extra')).toBe(first);
    const second = new FakeEngine('extra');
    registerEngine(second);
    expect(getEngine('extra')).toBe(second);
    // The user's own docker contexts may be listed too; the registered ones are these.
    expect(listEngineEntries().filter((e) => e.source !== 'context').map((e) => [e.engine.name, e.source])).toEqual([
      ['default', 'default'],
      ['extra', 'registered'],
    ]);
    unregisterEngine('extra');
    expect(() => getEngine('extra')).toThrow(EngineError);
  });

  it('reads DOCKSIDE_ENGINES entries as name=unix:// or name=tcp:// and refuses anything else', () => {
    expect(parseExtraEngines(undefined)).toEqual([]);
    expect(parseExtraEngines(' a=unix:///tmp/a.sock , b=tcp://127.0.0.1:2375 ')).toEqual([
      ['a', { label: 'unix:///tmp/a.sock', options: { socketPath: '/tmp/a.sock' } }],
      ['b', { label: 'tcp://127.0.0.1:2375', options: { host: '127.0.0.1', port: 2375, protocol: 'http' }, warning: expect.stringMatching(/Plain TCP without TLS: every program and user on this machine/) }],
    ]);
    expect(() => parseExtraEngines('unix:///tmp/a.sock')).toThrow(/name=unix/);
    expect(() => parseExtraEngines('../x=unix:///tmp/a.sock')).toThrow(/name=unix/);
    expect(() => parseExtraEngines('default=unix:///tmp/a.sock')).toThrow(/DOCKER_HOST/);
    expect(() => parseExtraEngines('a=npipe:////./pipe/x')).toThrow(/unix:\/\/, tcp:\/\/ or ssh:\/\//);
    expect(parseExtraEngines('c=ssh://me@host')[0]?.[1].label).toBe('ssh://me@host');
  });

  it('refuses plain TCP to another machine in DOCKSIDE_ENGINES unless the entry says insecure:', () => {
    expect(() => parseExtraEngines('far=tcp://10.1.2.3:2375')).toThrow(/"far" is plain TCP \(no TLS\) to 10\.1\.2\.3.*far=insecure:tcp:\/\/10\.1\.2\.3:2375/);
    const [name, endpoint] = parseExtraEngines('far=insecure:tcp://10.1.2.3:2375')[0]!;
    expect(name).toBe('far');
    expect(endpoint.label).toBe('tcp://10.1.2.3:2375');
    expect(endpoint.warning).toMatch(/anyone on the network path can take root/);
    // The marker is for plain TCP off this machine only.
    expect(() => parseExtraEngines('x=insecure:tcp://127.0.0.1:2375')).toThrow(/only for plain tcp/);
    expect(() => parseExtraEngines('x=insecure:unix:///tmp/a.sock')).toThrow(/only for plain tcp/);
  });

  it('an EngineError from another copy of the module is still an EngineError (Next bundles routes apart)', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('dockside.EngineError')]: true, code: 'not_found' });
    expect(foreign).toBeInstanceOf(EngineError);
    expect(new Error('plain')).not.toBeInstanceOf(EngineError);
  });
});
