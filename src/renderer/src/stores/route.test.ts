import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from './route';

describe('hash routes', () => {
  it('parses lobby, settings, join deep links and meetings', () => {
    expect(parseHash('')).toEqual({ view: 'lobby' });
    expect(parseHash('#/')).toEqual({ view: 'lobby' });
    expect(parseHash('#/settings')).toEqual({ view: 'settings' });
    expect(parseHash('#/join/abc-defg-hjk')).toEqual({ view: 'lobby', joinCode: 'abc-defg-hjk' });
    expect(parseHash('#/join/ABC%20DEFG%20HJK')).toEqual({
      view: 'lobby',
      joinCode: 'ABC DEFG HJK',
    });
    expect(parseHash('#/join/')).toEqual({ view: 'lobby' });
    expect(parseHash('#/meeting/abc-defg-hjk')).toEqual({ view: 'meeting', code: 'abc-defg-hjk' });
    expect(parseHash('#/nowhere')).toEqual({ view: 'lobby' });
    expect(parseHash('#/join/%E0%A4%A')).toEqual({ view: 'lobby', joinCode: '%E0%A4%A' });
  });

  it('round-trips', () => {
    for (const hash of ['#/', '#/settings', '#/join/abc-defg-hjk', '#/meeting/abc-defg-hjk'])
      expect(formatHash(parseHash(hash))).toBe(hash);
  });
});
