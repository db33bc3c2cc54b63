import { describe, expect, it } from 'vitest';
import { containerActionSchema, listContainersQuerySchema, removeContainerQuerySchema } from './containers';
import { containerNameSchema, containerRefSchema } from './ids';

describe('containerRefSchema', () => {
  it.each(['web', 'a68bb3bcce12', 'my_app.v2-1', 'a'.repeat(64)])('accepts %s', (v) => expect(containerRefSchema.safeParse(v).success).toBe(true));
  it.each(['', '../images', '..%2F', 'a/b', 'a?b', 'a#b', '%252F', '-rf', '.hidden', 'x'.repeat(129), 'name with space'])('refuses %j', (v) =>
    expect(containerRefSchema.safeParse(v).success).toBe(false),
  );
});

describe('containerNameSchema', () => {
  it('accepts a leading slash and trims', () => expect(containerNameSchema.parse(' /web-2 ')).toBe('web-2'));
  it('refuses one-character and invalid names with a readable message', () => {
    const r = containerNameSchema.safeParse('x');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/at least 2/);
    expect(containerNameSchema.safeParse('bad/name').success).toBe(false);
  });
});

describe('containerActionSchema', () => {
  it('defaults kill to SIGKILL and validates the timeout', () => {
    expect(containerActionSchema.parse({ action: 'kill' })).toEqual({ action: 'kill', signal: 'SIGKILL' });
    expect(containerActionSchema.parse({ action: 'stop', timeout: 5 })).toEqual({ action: 'stop', timeout: 5 });
    expect(containerActionSchema.safeParse({ action: 'stop', timeout: -1 }).success).toBe(false);
    expect(containerActionSchema.safeParse({ action: 'stop', timeout: 1.5 }).success).toBe(false);
    expect(containerActionSchema.safeParse({ action: 'kill', signal: 'SIGNOPE' }).success).toBe(false);
    expect(containerActionSchema.safeParse({ action: 'exec' }).success).toBe(false);
  });
});

describe('query schemas', () => {
  it('parse booleans from the URL', () => {
    expect(listContainersQuerySchema.parse({})).toEqual({ all: true, size: false });
    expect(listContainersQuerySchema.parse({ all: '0', size: 'true' })).toEqual({ all: false, size: true });
    expect(removeContainerQuerySchema.parse({ force: '1', volumes: '1' })).toEqual({ force: true, volumes: true });
    expect(removeContainerQuerySchema.safeParse({ force: 'yes' }).success).toBe(false);
  });
});
