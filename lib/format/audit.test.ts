import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../protocol/audit';
import { describeWho, findRemoval } from './audit';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({ time: '2026-12-02T02:00:00Z', who: 'session:abcdef123456', remote: '127.0.0.1', method: 'DELETE', route: '/api/containers/web1', target: 'web1', outcome: 'ok', status: 204, ...over });
const web1 = { id: 'f'.repeat(64), name: 'web1' };

describe('describeWho', () => {
  it('names sessions and tokens as a person would', () => {
    expect(describeWho('session:abcdef123456')).toBe('Browser session abcdef');
    expect(describeWho('bearer')).toBe('API token');
    expect(describeWho('something-else')).toBe('something-else');
  });
});

describe('findRemoval', () => {
  it('finds the latest successful DELETE by name or id prefix', () => {
    const byId = entry({ target: 'f'.repeat(12), route: `/api/containers/${'f'.repeat(12)}`, time: '2026-12-02T03:00:00Z' });
    expect(findRemoval([byId, entry({})], web1)).toBe(byId);
    expect(findRemoval([entry({})], web1)?.target).toBe('web1');
  });
  it('ignores failures, other methods, other containers and short prefixes', () => {
    expect(findRemoval([entry({ outcome: 'failed' }), entry({ method: 'POST', route: '/api/containers/web1/actions' }), entry({ target: 'web2', route: '/api/containers/web2' }), entry({ target: 'fff', route: '/api/containers/fff' })], web1)).toBeUndefined();
  });
});
