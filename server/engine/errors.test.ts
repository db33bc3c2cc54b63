import { describe, expect, it } from 'vitest';
import { describeHung, EngineError, toEngineError } from './errors';

const box = { name: 'build-box', label: 'tcp://build-box:2376 (TLS)' };

describe('engine errors name the engine', () => {
  it('says which engine could not be reached, and why, in words', () => {
    const e = toEngineError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), undefined, box);
    expect(e).toMatchObject({ code: 'engine_unreachable', message: 'Cannot reach engine `build-box` (tcp://build-box:2376 (TLS)): the connection was refused (ECONNREFUSED).' });
    expect(describeHung(box, 15_000)).toBe('Engine `build-box` (tcp://build-box:2376 (TLS)) did not answer within 15 s: it is hung or overloaded.');
  });

  it('turns TLS failures into a reason a person can act on', () => {
    const tls = (code: string) => toEngineError(Object.assign(new Error('tls'), { code }), undefined, box);
    expect(tls('SELF_SIGNED_CERT_IN_CHAIN').message).toMatch(/not signed by the CA Dockside was given/);
    expect(tls('ERR_TLS_CERT_ALTNAME_INVALID').message).toMatch(/for another host name/);
    expect(tls('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED').message).toMatch(/requires a TLS client certificate/);
    // dockerd answers a missing client certificate with "bad certificate": the words follow what Dockside gave.
    const badCert = (clientCert: boolean) => toEngineError(Object.assign(new Error('tls'), { code: 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE' }), undefined, { ...box, clientCert }).message;
    expect(badCert(false)).toMatch(/requires a TLS client certificate and none was given/);
    expect(badCert(true)).toMatch(/refused Dockside's TLS client certificate/);
    expect(tls('ERR_SSL_SOMETHING_NEW')).toMatchObject({ code: 'engine_unreachable', message: expect.stringMatching(/TLS handshake failed \(ERR_SSL_SOMETHING_NEW\)/) });
  });

  it("keeps the engine's own answers as the engine said them, with the code by status", () => {
    const e = toEngineError({ statusCode: 404, json: { message: 'No such container: x' }, message: '(HTTP code 404) no such container - No such container: x' }, undefined, box);
    expect(e).toMatchObject({ code: 'not_found', message: 'No such container: x' });
    expect(toEngineError({ statusCode: 304 }, 'start web')).toMatchObject({ code: 'conflict', message: 'start web: nothing to do (already in that state).' });
    const same = new EngineError('forbidden', 'no');
    expect(toEngineError(same)).toBe(same);
  });

  it("maps Podman's 500 'container state improper' to a 409 conflict, by meaning", () => {
    const podman = { statusCode: 500, json: { message: 'can only create exec sessions on running containers: container state improper' } };
    expect(toEngineError(podman).code).toBe('conflict');
    expect(toEngineError({ statusCode: 500, json: { message: 'disk full' } }).code).toBe('engine_error');
  });
});
