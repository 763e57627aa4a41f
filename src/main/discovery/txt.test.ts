import { describe, expect, it } from 'vitest';
import {
  MAX_LABEL_BYTES,
  decodeMeetingTxt,
  encodeMeetingTxt,
  instanceLabel,
  truncateUtf8,
} from './txt';

const advert = { name: 'Design review', port: 9000, path: '/', key: 'peerjs', secure: false };

describe('encodeMeetingTxt / decodeMeetingTxt', () => {
  it('round-trips an advert', () => {
    const txt = encodeMeetingTxt({ ...advert, secure: true, path: '/rtc/' });
    expect(txt).toEqual({
      txtvers: '1',
      name: 'Design review',
      path: '/rtc/',
      key: 'peerjs',
      scheme: 'https',
      pv: '1',
    });
    expect(decodeMeetingTxt(txt)).toEqual({
      ok: true,
      txt: {
        name: 'Design review',
        path: '/rtc/',
        key: 'peerjs',
        secure: true,
        protocolVersion: '1',
      },
    });
  });

  it('omits an empty name and strips control characters', () => {
    expect(encodeMeetingTxt({ ...advert, name: ' \u0007 ' })).not.toHaveProperty('name');
    expect(encodeMeetingTxt({ ...advert, name: 'a\nb' }).name).toBe('a b');
  });

  it('caps the name at 200 UTF-8 bytes without splitting characters', () => {
    const name = encodeMeetingTxt({ ...advert, name: 'é'.repeat(150) }).name ?? '';
    expect(Buffer.byteLength(name)).toBe(200);
    expect(name).toBe('é'.repeat(100));
  });

  it.each([
    [null, 'no TXT record'],
    [{}, 'unsupported txtvers null'],
    [{ txtvers: '2' }, 'unsupported txtvers "2"'],
    [{ txtvers: '1', path: 'nopath', key: 'k', scheme: 'http', pv: '1' }, 'invalid path'],
    [{ txtvers: '1', path: '/', key: 'a b', scheme: 'http', pv: '1' }, 'invalid key'],
    [{ txtvers: '1', path: '/', key: 'k', scheme: 'ftp', pv: '1' }, 'invalid scheme'],
    [{ txtvers: '1', path: '/', key: 'k', scheme: 'http', pv: 'x' }, 'invalid protocol version'],
  ])('rejects %j', (raw, reason) => {
    const result = decodeMeetingTxt(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('accepts Buffer values and a missing name', () => {
    const result = decodeMeetingTxt({
      txtvers: Buffer.from('1'),
      path: '/',
      key: 'peerjs',
      scheme: 'http',
      pv: '1',
    });
    expect(result).toEqual({
      ok: true,
      txt: { name: undefined, path: '/', key: 'peerjs', secure: false, protocolVersion: '1' },
    });
  });
});

describe('instanceLabel', () => {
  it('turns dots into dashes and keeps one DNS label', () => {
    expect(instanceLabel('Parley on host.example.lan')).toBe('Parley on host-example-lan');
    expect(Buffer.byteLength(instanceLabel('ü'.repeat(100)))).toBeLessThanOrEqual(MAX_LABEL_BYTES);
    expect(instanceLabel('   ')).toBe('Parley');
  });

  it('truncateUtf8 never splits a surrogate pair', () => {
    expect(truncateUtf8('😀😀', 5)).toBe('😀');
  });
});
