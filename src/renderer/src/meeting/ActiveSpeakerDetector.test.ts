import { describe, expect, it } from 'vitest';
import { ActiveSpeakerDetector } from './ActiveSpeakerDetector';

/** Feeds the same levels every 50 ms for `ms`; returns the last update. */
function run(d: ActiveSpeakerDetector, levels: Record<string, number>, from: number, ms: number) {
  let last = d.update(levels, from);
  for (let t = from + 50; t <= from + ms; t += 50) last = d.update(levels, t);
  return last;
}

describe('ActiveSpeakerDetector', () => {
  it('does not react to a short click, reacts to sustained speech', () => {
    const d = new ActiveSpeakerDetector();
    d.update({ a: 0.5, b: 0 }, 0);
    expect(d.update({ a: 0, b: 0 }, 50).activeSpeaker).toBeUndefined();
    const u = run(d, { a: 0.3, b: 0 }, 1000, 500);
    expect(u.activeSpeaker).toBe('a');
    expect([...u.speaking]).toEqual(['a']);
  });

  it('keeps the last speaker through silence', () => {
    const d = new ActiveSpeakerDetector();
    run(d, { a: 0.3, b: 0 }, 0, 500);
    const u = run(d, { a: 0, b: 0 }, 600, 3000);
    expect(u.activeSpeaker).toBe('a');
    expect(u.speaking.size).toBe(0);
  });

  it('switches only when someone else is clearly louder for long enough', () => {
    const d = new ActiveSpeakerDetector();
    run(d, { a: 0.3, b: 0 }, 0, 500);
    // b about as loud as a: no switch.
    expect(run(d, { a: 0.3, b: 0.32 }, 600, 2000).activeSpeaker).toBe('a');
    // b much louder, briefly: no switch yet.
    expect(run(d, { a: 0.2, b: 0.6 }, 2700, 300).activeSpeaker).toBe('a');
    // ...and sustained: switch.
    expect(run(d, { a: 0.2, b: 0.6 }, 3050, 1000).activeSpeaker).toBe('b');
  });

  it('hands over at once when the current speaker has stopped', () => {
    const d = new ActiveSpeakerDetector();
    run(d, { a: 0.3, b: 0 }, 0, 500);
    run(d, { a: 0, b: 0 }, 550, 1500);
    expect(run(d, { a: 0, b: 0.2 }, 2100, 400).activeSpeaker).toBe('b');
  });

  it('forgets participants who left and clamps bad levels', () => {
    const d = new ActiveSpeakerDetector();
    run(d, { a: 0.3 }, 0, 500);
    d.remove('a');
    expect(d.activeSpeaker).toBeUndefined();
    expect(run(d, { c: Number.NaN, e: 7 }, 600, 500).activeSpeaker).toBe('e');
  });
});
