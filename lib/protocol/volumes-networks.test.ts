import { describe, expect, it } from 'vitest';
import { createNetworkSchema } from './networks';
import { volumeNameSchema, volumePathSchema } from './volumes';

describe('volume and network schemas', () => {
  it('accepts only absolute paths without ".." inside a volume', () => {
    expect(volumePathSchema.parse(undefined)).toBe('/');
    expect(volumePathSchema.safeParse('/a/b c/d.txt').success).toBe(true);
    for (const bad of ['a', '/a/../../etc', '/..', '/a\0b']) expect(volumePathSchema.safeParse(bad).success, bad).toBe(false);
  });
  it('keeps volume names to what the engine accepts (nothing that escapes a URL path)', () => {
    expect(volumeNameSchema.safeParse('data_1.v-2').success).toBe(true);
    for (const bad of ['', '../x', 'a/b', '%2e', '-x']) expect(volumeNameSchema.safeParse(bad).success, bad).toBe(false);
  });
  it('creates bridge networks only, never with a built-in name, with a subnet before a gateway', () => {
    expect(createNetworkSchema.safeParse({ name: 'app', subnet: '10.1.0.0/24', gateway: '10.1.0.1' }).success).toBe(true);
    expect(createNetworkSchema.safeParse({ name: 'bridge' }).success).toBe(false);
    expect(createNetworkSchema.safeParse({ name: 'app', gateway: '10.1.0.1' }).success).toBe(false);
    expect(createNetworkSchema.safeParse({ name: 'app', subnet: '10.1.0.0' }).success).toBe(false);
    expect(createNetworkSchema.safeParse({ name: 'app', driver: 'macvlan' }).success).toBe(false);
  });
});
