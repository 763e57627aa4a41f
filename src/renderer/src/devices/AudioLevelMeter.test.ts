import { describe, expect, it } from 'vitest';
import { rms, rmsToLevel } from './AudioLevelMeter';

describe('audio level math', () => {
  it('computes RMS of samples', () => {
    expect(rms(new Float32Array([]))).toBe(0);
    expect(rms(new Float32Array([0.5, -0.5, 0.5, -0.5]))).toBeCloseTo(0.5);
    const sine = Float32Array.from({ length: 1000 }, (_, i) => Math.sin((2 * Math.PI * i) / 100));
    expect(rms(sine)).toBeCloseTo(Math.SQRT1_2, 3);
  });

  it('maps RMS to a 0..1 dB scale', () => {
    expect(rmsToLevel(0)).toBe(0);
    expect(rmsToLevel(Number.NaN)).toBe(0);
    expect(rmsToLevel(0.001)).toBeCloseTo(0); // -60 dB
    expect(rmsToLevel(0.0316)).toBeCloseTo(0.5, 2); // -30 dB
    expect(rmsToLevel(1)).toBe(1);
    expect(rmsToLevel(4)).toBe(1);
  });
});
