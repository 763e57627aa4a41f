import { describe, expect, it } from 'vitest';
import { parseClientMessage, type JsonObject } from '../../shared/signaling-protocol';
import {
  ID_TAKEN_FRAME,
  INVALID_KEY_FRAME,
  OPEN_FRAME,
  errorFrame,
  expireFrame,
  framePayload,
  relayFrame,
  stampSource,
  textFrame,
} from './frames';

function stamp(text: string, src: string): string {
  const raw = JSON.parse(text) as JsonObject;
  const parsed = parseClientMessage(raw);
  if (!parsed.ok || parsed.message.type === 'HEARTBEAT') throw new Error('bad fixture');
  return stampSource(Buffer.from(text), raw, parsed.message, src).toString();
}

describe('frames', () => {
  it('server frames have peer’s exact shapes', () => {
    expect(OPEN_FRAME).toBe('{"type":"OPEN"}');
    expect(ID_TAKEN_FRAME).toBe('{"type":"ID-TAKEN","payload":{"msg":"ID is taken"}}');
    expect(INVALID_KEY_FRAME).toBe(
      '{"type":"INVALID-KEY","payload":{"msg":"Invalid key provided"}}',
    );
    expect(errorFrame('x "y"')).toBe('{"type":"ERROR","payload":{"msg":"x \\"y\\""}}');
    expect(expireFrame('b', 'a')).toBe('{"type":"EXPIRE","src":"b","dst":"a"}');
  });

  it.each([
    '{"type":"OFFER","dst":"b","payload":{"sdp":"v=0"}}',
    '  \n{ "dst" : "b", "type":"CANDIDATE" }\t',
    '{"type":"LEAVE"}',
    '{"type":"OFFER","dst":"b","payload":{"name":"Zoë 🎉 日本"}}',
    '{"payload":{"src":"nested is fine"},"type":"ANSWER","dst":"b"}',
    '{"type":"OFFER","dst":"b","payload":{"s":"\\ud800 lone surrogate, \\u0000, \\"quotes\\""}}',
  ])('splices src into a plain frame: %s', (text) => {
    const out = stamp(text, 'me "1"');
    expect(out.startsWith('{"src":"me \\"1\\"",')).toBe(true);
    expect(JSON.parse(out)).toEqual({ ...(JSON.parse(text) as object), src: 'me "1"' });
  });

  it.each([
    ['a client-sent src', '{"type":"OFFER","src":"spoof","dst":"b","payload":{}}'],
    ['a src after dst', '{"type":"OFFER","dst":"b","payload":{},"src":"spoof"}'],
    ['an unknown key', '{"type":"OFFER","dst":"b","x":1}'],
    ['a __proto__ key', '{"type":"OFFER","dst":"b","__proto__":{"src":"spoof"}}'],
  ])('rebuilds a frame with %s, dropping it', (_name, text) => {
    const out = JSON.parse(stamp(text, 'me')) as Record<string, unknown>;
    expect(out.src).toBe('me');
    expect(Object.keys(out).sort()).toEqual(
      ['dst', 'src', 'type', ...('payload' in JSON.parse(text) ? ['payload'] : [])].sort(),
    );
  });
});

describe('pre-framed text frames', () => {
  it.each([0, 125, 126, 65_535, 65_536, 70_000])(
    'writes a FIN text header for a %i-byte payload',
    (length) => {
      const json = 'x'.repeat(length);
      const frame = textFrame(json);
      expect(frame[0]).toBe(0x81); // FIN + text, no RSV bits
      const b1 = frame[1]!;
      expect(b1 & 0x80).toBe(0); // servers do not mask
      const declared =
        b1 === 127 ? Number(frame.readBigUInt64BE(2)) : b1 === 126 ? frame.readUInt16BE(2) : b1;
      expect(declared).toBe(length);
      expect(framePayload(frame).toString()).toBe(json);
      expect(frame.length).toBe(length + (length < 126 ? 2 : length < 65_536 ? 4 : 10));
    },
  );

  it('relayFrame is stampSource plus the header, on both paths', () => {
    for (const text of [
      '{"type":"OFFER","dst":"b","payload":{"sdp":"v=0"}}',
      '{"type":"OFFER","src":"spoof","dst":"b","payload":{}}',
      `{"type":"OFFER","dst":"b","payload":{"s":"${'y'.repeat(70_000)}"}}`,
    ]) {
      const raw = JSON.parse(text) as JsonObject;
      const parsed = parseClientMessage(raw);
      if (!parsed.ok || parsed.message.type === 'HEARTBEAT') throw new Error('bad fixture');
      const frame = relayFrame(Buffer.from(text), raw, parsed.message, 'me');
      const payload = stampSource(Buffer.from(text), raw, parsed.message, 'me');
      expect(framePayload(frame).equals(payload)).toBe(true);
      expect((JSON.parse(payload.toString()) as { src: string }).src).toBe('me');
    }
  });
});
