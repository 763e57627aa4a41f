import { describe, expect, it } from 'vitest';
import { QualityPolicy } from './QualityPolicy';

describe('QualityPolicy', () => {
  it('lowers camera quality as the mesh grows', () => {
    const bitrates = [1, 2, 3, 5, 8].map(
      (remoteCount) => QualityPolicy.decide({ source: 'camera', remoteCount }).maxBitrate,
    );
    expect(bitrates).toEqual([1_500_000, 800_000, 450_000, 250_000, 120_000]);
    const four = QualityPolicy.decide({ source: 'camera', remoteCount: 3 });
    expect(four).toMatchObject({ label: 'medium', scaleResolutionDownBy: 2, maxFramerate: 24 });
    expect(four.reason).toBe('4 participants');
  });

  it('fits the per-copy budget of measured upload bandwidth and says so', () => {
    const d = QualityPolicy.decide({
      source: 'camera',
      remoteCount: 2,
      availableOutgoingBitrate: 700_000,
    });
    // 0.85 × 700k / 2 = 297.5k per copy → "low" (250k).
    expect(d.label).toBe('low');
    expect(d.reason).toBe('3 participants; upload ≈ 700 kb/s');
  });

  it('steps down on CPU limitation', () => {
    const prev = QualityPolicy.decide({ source: 'camera', remoteCount: 1 });
    const d = QualityPolicy.decide({ source: 'camera', remoteCount: 1, limitation: 'cpu' }, prev);
    expect(d.tier).toBe(prev.tier + 1);
    expect(d.reason).toContain('CPU limited');
  });

  it('needs headroom before upgrading (hysteresis)', () => {
    const low = QualityPolicy.decide({
      source: 'camera',
      remoteCount: 1,
      availableOutgoingBitrate: 1_000_000,
    });
    expect(low.label).toBe('high');
    // Budget 0.85 × 1.9M = 1.615M fits HD (1.5M) but not with 30% headroom (1.95M).
    const held = QualityPolicy.decide(
      { source: 'camera', remoteCount: 1, availableOutgoingBitrate: 1_900_000 },
      low,
    );
    expect(held.label).toBe('high');
    const up = QualityPolicy.decide(
      { source: 'camera', remoteCount: 1, availableOutgoingBitrate: 2_400_000 },
      low,
    );
    expect(up.label).toBe('HD');
  });

  it('keeps screen resolution and gives up frame rate first', () => {
    const d = QualityPolicy.decide({ source: 'screen', remoteCount: 3 });
    expect(d.scaleResolutionDownBy).toBe(1);
    expect(d.maxFramerate).toBeLessThanOrEqual(5);
  });

  it('never goes past the last tier and ignores nonsense input', () => {
    const d = QualityPolicy.decide({
      source: 'camera',
      remoteCount: 50,
      availableOutgoingBitrate: 1,
      limitation: 'cpu',
    });
    expect(d.label).toBe('minimal');
    expect(
      QualityPolicy.decide({
        source: 'camera',
        remoteCount: -3,
        availableOutgoingBitrate: Number.NaN,
      }).tier,
    ).toBe(0);
  });

  it('applies a decision to every encoding of the sender parameters', () => {
    const params = {
      transactionId: 't',
      encodings: [{ active: true }],
      codecs: [],
      headerExtensions: [],
      rtcp: {},
    };
    const d = QualityPolicy.decide({ source: 'camera', remoteCount: 3 });
    const out = QualityPolicy.apply(params, d);
    expect(out.encodings).toEqual([
      { active: true, maxBitrate: 450_000, scaleResolutionDownBy: 2, maxFramerate: 24 },
    ]);
    expect(out.transactionId).toBe('t');
  });
});
