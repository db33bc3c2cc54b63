import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../test/support/fake-engine';
import { registerEngine, unregisterEngine } from '../engine';
import { homeRedirect } from './home-route';

const req = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ url, method, headers }) as unknown as IncomingMessage;
let dir: string;
const saved = process.env.DOCKER_CONFIG;

beforeAll(() => {
  // No docker contexts: the default engine is the only one.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-home-'));
  process.env.DOCKER_CONFIG = dir;
});
afterAll(() => {
  process.env.DOCKER_CONFIG = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('homeRedirect', () => {
  it('sends a page load of / to Containers while there is one engine, keeping the query', () => {
    expect(homeRedirect(req('/'))).toBe('/containers');
    expect(homeRedirect(req('/?engine=default'))).toBe('/containers?engine=default');
  });

  it('leaves other paths, the sign-in link, Next client navigations and other methods alone', () => {
    expect(homeRedirect(req('/images'))).toBeNull();
    expect(homeRedirect(req('/?token=abc'))).toBeNull();
    expect(homeRedirect(req('/', { rsc: '1' }))).toBeNull();
    expect(homeRedirect(req('/', {}, 'POST'))).toBeNull();
  });

  it('lets the home page through once there is a second engine', () => {
    registerEngine(new FakeEngine('second'));
    try {
      expect(homeRedirect(req('/'))).toBeNull();
    } finally {
      unregisterEngine('second');
    }
    expect(homeRedirect(req('/'))).toBe('/containers');
  });
});
