import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineMessage } from './json-lines';
import { TransferProgressTracker } from './progress';

const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';
const C = 'cccccccccccc';

describe('TransferProgressTracker (pull)', () => {
  it('follows a real pull sequence to its digest and status line', () => {
    const t = new TransferProgressTracker('pull');
    const seq: EngineMessage[] = [
      { status: 'Pulling from library/alpine', id: '3.19' },
      { status: 'Pulling fs layer', id: A },
      { status: 'Already exists', id: B },
      { status: 'Downloading', id: A, progressDetail: { current: 100, total: 1000 }, progress: '[=>  ]' },
      { status: 'Verifying Checksum', id: A },
      { status: 'Download complete', id: A },
      { status: 'Extracting', id: A, progressDetail: { current: 500, total: 1000 } },
      { status: 'Pull complete', id: A },
      { status: 'Digest: sha256:' + 'd'.repeat(64) },
      { status: 'Status: Downloaded newer image for alpine:3.19' },
    ];
    for (const m of seq) t.apply(m);
    const s = t.snapshot();
    // The tag id in "Pulling from" is not a layer.
    expect(s.layersTotal).toBe(2);
    expect(s.layersDone).toBe(2);
    expect(s.bytesDone).toBe(1000);
    expect(s.digest).toBe('sha256:' + 'd'.repeat(64));
    expect(s.statusLine).toBe('Status: Downloaded newer image for alpine:3.19');
    expect(s.fraction).toBeLessThan(1);
    t.finish();
    expect(t.snapshot().fraction).toBe(1);
  });

  it('does not go back when a big layer is discovered late', () => {
    const t = new TransferProgressTracker('pull');
    t.apply({ status: 'Downloading', id: A, progressDetail: { current: 90, total: 100 } });
    const before = t.snapshot();
    t.apply({ status: 'Pulling fs layer', id: B });
    t.apply({ status: 'Downloading', id: B, progressDetail: { current: 1, total: 10_000_000 } });
    const after = t.snapshot();
    expect(after.fraction).toBeGreaterThanOrEqual(before.fraction);
    expect(after.bytesTotal).toBe(10_000_100);
    expect(after.totalExact).toBe(true);
  });

  it('says the total is not exact while a layer has no size yet', () => {
    const t = new TransferProgressTracker('pull');
    t.apply({ status: 'Downloading', id: A, progressDetail: { current: 1, total: 10 } });
    t.apply({ status: 'Waiting', id: B });
    expect(t.snapshot().totalExact).toBe(false);
  });

  it('ignores seconds-based extraction (containerd store) as a size', () => {
    const t = new TransferProgressTracker('pull');
    t.apply({ status: 'Extracting', id: A, progressDetail: { current: 3, units: 's' } });
    expect(t.snapshot().bytesTotal).toBe(0);
  });
});

describe('TransferProgressTracker (push)', () => {
  it('counts mounted and existing layers as done, and reads the push digest', () => {
    const t = new TransferProgressTracker('push');
    t.apply({ status: 'The push refers to repository [127.0.0.1:5000/app]' });
    t.apply({ status: 'Preparing', id: A });
    t.apply({ status: 'Preparing', id: B });
    t.apply({ status: 'Preparing', id: C });
    t.apply({ status: 'Layer already exists', id: B });
    t.apply({ status: 'Mounted from library/base', id: C });
    t.apply({ status: 'Pushing', id: A, progressDetail: { current: 50, total: 200 } });
    let s = t.snapshot();
    expect(s.layersDone).toBe(2);
    expect(s.layers.find((l) => l.id === C)?.phase).toBe('mounted');
    t.apply({ status: 'Pushed', id: A });
    t.apply({ status: 'v1: digest: sha256:' + 'e'.repeat(64) + ' size: 528' });
    s = t.snapshot();
    expect(s.layersDone).toBe(3);
    expect(s.digest).toBe('sha256:' + 'e'.repeat(64));
    expect(s.statusLine).toMatch(/^v1: digest:/);
  });
});

const layerId = fc.constantFrom(A, B, C, 'dddddddddddd', 'eeeeeeeeeeee', 'latest');
const pullStatus = fc.constantFrom('Pulling fs layer', 'Waiting', 'Downloading', 'Verifying Checksum', 'Download complete', 'Extracting', 'Pull complete', 'Already exists', 'Retrying in 5 seconds', 'Pulling from x');
const pushStatus = fc.constantFrom('Preparing', 'Waiting', 'Pushing', 'Pushed', 'Layer already exists', 'Mounted from library/x');
const detail = fc.option(fc.record({ current: fc.option(fc.integer({ min: -5, max: 5_000_000 }), { nil: undefined }), total: fc.option(fc.integer({ min: -5, max: 5_000_000 }), { nil: undefined }), units: fc.option(fc.constant('s'), { nil: undefined }) }, { requiredKeys: [] }), { nil: undefined });

function message(status: fc.Arbitrary<string>) {
  return fc.record({ status, id: layerId, progressDetail: detail }, { requiredKeys: ['status', 'id'] });
}

it('bytes done do not go back when an extraction reports a total below what the download counted', () => {
  const t = new TransferProgressTracker('pull');
  t.apply({ status: 'Downloading', id: A, progressDetail: { current: 2 } } as EngineMessage);
  const before = t.snapshot().bytesDone;
  t.apply({ status: 'Extracting', id: A, progressDetail: { total: 1 } } as EngineMessage);
  expect(t.snapshot().bytesDone).toBeGreaterThanOrEqual(before);
});

describe('overall progress never decreases (property)', () => {
  for (const [kind, status] of [['pull', pullStatus], ['push', pushStatus]] as const) {
    it(`${kind}: fraction, layers done and bytes done only grow, whatever order messages come in`, () => {
      fc.assert(
        fc.property(fc.array(message(status), { maxLength: 80 }), (msgs) => {
          const t = new TransferProgressTracker(kind);
          let prev = t.snapshot();
          for (const m of msgs) {
            t.apply(m as EngineMessage);
            const s = t.snapshot();
            expect(s.fraction).toBeGreaterThanOrEqual(prev.fraction);
            expect(s.fraction).toBeLessThan(1);
            expect(s.layersDone).toBeGreaterThanOrEqual(prev.layersDone);
            expect(s.bytesDone).toBeGreaterThanOrEqual(prev.bytesDone);
            expect(s.layersDone).toBeLessThanOrEqual(s.layersTotal);
            prev = s;
          }
          t.finish();
          expect(t.snapshot().fraction).toBe(1);
        }),
        { numRuns: 300 },
      );
    });
  }
});
