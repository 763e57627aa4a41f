/**
 * Hostile and malformed input, table-driven. Every case asserts the exact ERROR text and close
 * code (or that the connection stays open), and that the server then still relays between a
 * fresh pair of clients. Cases that crash or hang `peer` 1.0.2 are marked (peer crasher).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../../src/main/signaling';
import { RawClient, encodeFrame, upgradeRequest } from './rawClient';
import { WsClient, assertServesFreshPair, startTestServer } from './wsClient';

const NOT_JSON = 'Message is not valid JSON';
const NOT_OBJECT = 'Message must be a JSON object';
const BAD_TYPE = 'Unknown or missing message type';
const BAD_DST = 'Invalid dst';
const BAD_PAYLOAD = 'Payload must be a JSON object';
const BINARY = 'Binary frames are not supported: send JSON text';

/** Frames answered with an ERROR; the connection stays open. */
const recoverable: [name: string, frame: string, error: string][] = [
  ['malformed JSON (peer crasher)', '{"type":', NOT_JSON],
  ['truncated object', '{"type":"OFFER","dst":"b"', NOT_JSON],
  ['empty text frame', '', NOT_JSON],
  ['whitespace only', '   \n\t', NOT_JSON],
  ['byte order mark before JSON', '\uFEFF{"type":"HEARTBEAT"}', NOT_JSON],
  ['NUL after JSON', '{"type":"HEARTBEAT"}\u0000', NOT_JSON],
  ['single quotes', "{'type':'HEARTBEAT'}", NOT_JSON],
  ['null (peer crasher)', 'null', NOT_OBJECT],
  ['number', '42', NOT_OBJECT],
  ['string', '"OFFER"', NOT_OBJECT],
  ['boolean', 'true', NOT_OBJECT],
  ['array', '[{"type":"OFFER","dst":"b"}]', NOT_OBJECT],
  ['deeply nested arrays', '['.repeat(20_000) + ']'.repeat(20_000), NOT_OBJECT],
  ['empty object', '{}', BAD_TYPE],
  ['unknown type', '{"type":"NOPE","dst":"b"}', BAD_TYPE],
  ['lower-case type', '{"type":"offer","dst":"b"}', BAD_TYPE],
  ['numeric type', '{"type":7,"dst":"b"}', BAD_TYPE],
  ['server-only type OPEN', '{"type":"OPEN"}', BAD_TYPE],
  ['server-only type ERROR', '{"type":"ERROR","payload":{"msg":"x"}}', BAD_TYPE],
  ['server-only type ID-TAKEN', '{"type":"ID-TAKEN"}', BAD_TYPE],
  ['type with a lone surrogate', '{"type":"OFFER\\ud800","dst":"b"}', BAD_TYPE],
  ['type only under __proto__', '{"__proto__":{"type":"OFFER"},"dst":"b"}', BAD_TYPE],
  ['deeply nested objects', '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000), BAD_TYPE],
  ['OFFER without dst', '{"type":"OFFER","payload":{}}', 'OFFER needs a dst'],
  ['ANSWER without dst', '{"type":"ANSWER"}', 'ANSWER needs a dst'],
  ['CANDIDATE without dst', '{"type":"CANDIDATE"}', 'CANDIDATE needs a dst'],
  ['EXPIRE without dst', '{"type":"EXPIRE"}', 'EXPIRE needs a dst'],
  ['empty dst', '{"type":"OFFER","dst":""}', BAD_DST],
  ['numeric dst', '{"type":"OFFER","dst":42}', BAD_DST],
  ['null dst', '{"type":"OFFER","dst":null}', BAD_DST],
  ['object dst', '{"type":"OFFER","dst":{"id":"b"}}', BAD_DST],
  ['dst over 64 characters', `{"type":"OFFER","dst":"${'a'.repeat(65)}"}`, BAD_DST],
  ['dst with a path', '{"type":"OFFER","dst":"../b"}', BAD_DST],
  ['dst with a newline', '{"type":"OFFER","dst":"b\\n"}', BAD_DST],
  ['string payload', '{"type":"OFFER","dst":"b","payload":"sdp"}', BAD_PAYLOAD],
  ['array payload', '{"type":"OFFER","dst":"b","payload":[1]}', BAD_PAYLOAD],
  ['null payload', '{"type":"OFFER","dst":"b","payload":null}', BAD_PAYLOAD],
];

/** Frames that end the connection: ERROR text, then this close code and reason. */
const fatal: [name: string, send: (c: WsClient) => void, error: string, code: number][] = [
  [
    'binary frame (peer crasher)',
    (c) => {
      c.socket.send(Buffer.from('{"type":"HEARTBEAT"}'), { binary: true });
    },
    BINARY,
    1003,
  ],
  [
    'binary garbage',
    (c) => {
      c.socket.send(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff]), { binary: true });
    },
    BINARY,
    1003,
  ],
  [
    'text frame with invalid UTF-8 (peer crasher)',
    (c) => {
      c.socket.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false });
    },
    'Invalid UTF-8 in text frame',
    1007,
  ],
  [
    'text frame with a truncated UTF-8 sequence',
    (c) => {
      c.socket.send(Buffer.from([0x22, 0xe2, 0x82]), { binary: false });
    },
    'Invalid UTF-8 in text frame',
    1007,
  ],
  [
    'frame over max_payload (peer crasher)',
    (c) => {
      c.send(JSON.stringify({ type: 'OFFER', dst: 'b', payload: { sdp: 'x'.repeat(70_000) } }));
    },
    'Message too big: max_payload is 65536 bytes',
    1009,
  ],
  [
    'fragments that together exceed max_payload',
    (c) => {
      const chunk = Buffer.alloc(40_000, 0x20);
      c.socket.send(chunk, { binary: false, fin: false });
      c.socket.send(chunk, { binary: false, fin: true });
    },
    'Message too big: max_payload is 65536 bytes',
    1009,
  ],
];

/** Raw frames a WebSocket library would never send: protocol errors (1002). */
const protocol: [name: string, bytes: () => Buffer][] = [
  ['unmasked client frame', () => encodeFrame(0x1, Buffer.from('{}'), { mask: false })],
  ['RSV1 set without an extension', () => encodeFrame(0x1, Buffer.from('{}'), { rsv1: true })],
  ['reserved opcode 0x3', () => encodeFrame(0x3, Buffer.from('x'))],
  ['continuation without a first fragment', () => encodeFrame(0x0, Buffer.from('{}'))],
  ['fragmented ping', () => encodeFrame(0x9, Buffer.from('p'), { fin: false })],
  ['ping over 125 bytes', () => encodeFrame(0x9, Buffer.alloc(126))],
];

let server: SignalingServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('bad frames that get an ERROR and keep the connection', () => {
  it.each(recoverable)('%s', async (_name, frame, error) => {
    const c = await WsClient.open(server);
    c.send(frame);
    expect(await c.next((f) => f.type === 'ERROR')).toEqual({
      type: 'ERROR',
      payload: { msg: error },
    });
    // still registered and working: a message to itself comes back
    c.send({ type: 'CANDIDATE', dst: c.id, payload: { ok: 1 } });
    expect(await c.next((f) => f.type === 'CANDIDATE')).toMatchObject({ src: c.id });
    await c.close();
    await assertServesFreshPair(server);
  });

  it(`closes with 1008 at the 5th invalid frame`, async () => {
    const c = await WsClient.open(server);
    for (let i = 0; i < 5; i += 1) c.send('null');
    expect(await c.closed()).toEqual({ code: 1008, reason: 'Too many invalid messages (5)' });
    expect(c.frames.filter((f) => f.type === 'ERROR')).toHaveLength(5);
    await assertServesFreshPair(server);
  });
});

describe('bad frames that end the connection', () => {
  it.each(fatal)('%s', async (_name, send, error, code) => {
    const c = await WsClient.open(server);
    const gone = new Promise((resolve) => server.once('disconnect', resolve));
    send(c);
    expect(await c.next((f) => f.type === 'ERROR')).toEqual({
      type: 'ERROR',
      payload: { msg: error },
    });
    expect(await c.closed()).toEqual({ code, reason: error });
    expect(await gone).toBe(c.id);
    await assertServesFreshPair(server);
  });

  it.each(protocol)('protocol error: %s', async (_name, bytes) => {
    const raw = await RawClient.open(server, `raw-${Math.random().toString(36).slice(2)}`);
    raw.write(bytes());
    await raw.until(() => raw.closeFrame() !== undefined);
    expect(raw.texts().slice(1)).toEqual([
      { type: 'ERROR', payload: { msg: 'WebSocket protocol error' } },
    ]);
    expect(raw.closeFrame()).toEqual({ code: 1002, reason: 'WebSocket protocol error' });
    raw.socket.destroy();
    await assertServesFreshPair(server);
  });

  it('rate limit: ERROR then 1008 once the burst is spent', async () => {
    const limited = await startTestServer({ messageRate: 10, messageBurst: 5 });
    try {
      const limits: unknown[] = [];
      limited.on('limit', (e) => limits.push(e));
      const c = await WsClient.open(limited);
      for (let i = 0; i < 20; i += 1) c.send({ type: 'HEARTBEAT' });
      const error = 'Rate limit exceeded: 10 messages/s';
      expect(await c.next((f) => f.type === 'ERROR')).toEqual({
        type: 'ERROR',
        payload: { msg: error },
      });
      expect(await c.closed()).toEqual({ code: 1008, reason: error });
      expect(limits).toEqual([{ id: c.id, ip: '127.0.0.1', limit: 'message_rate' }]);
      await assertServesFreshPair(limited);
    } finally {
      await limited.close();
    }
  });
});

describe('bad handshakes', () => {
  const path = '/peerjs?key=peerjs&id=hs&token=t';
  it.each([
    ['upgrade on an unknown path', upgradeRequest('/nope?key=peerjs&id=a&token=t'), '404'],
    [
      'missing Sec-WebSocket-Key',
      upgradeRequest(path).replace(/Sec-WebSocket-Key: .*\r\n/, ''),
      '400',
    ],
    ['unsupported version', upgradeRequest(path).replace('Version: 13', 'Version: 7'), '400'],
    ['POST upgrade', upgradeRequest(path).replace(/^GET/, 'POST'), '40'],
    ['malformed request line', 'GET\r\n\r\n', '400'],
    ['bad percent-encoding in query', upgradeRequest('/peerjs?key=%zz&id=%&token=%E0%A4%A'), '101'],
    ['huge header', upgradeRequest(path, `X-Big: ${'a'.repeat(20_000)}\r\n`), '431'],
  ])('%s', async (_name, request, status) => {
    const raw = await RawClient.send(server, request);
    await raw.until(() => raw.status !== '' || raw.isClosed);
    expect(raw.status).toContain(status);
    raw.socket.destroy();
    await assertServesFreshPair(server);
  });
});
