import { afterEach, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../../src/main/signaling';
import { WsClient, startTestServer } from './wsClient';

let server: SignalingServer | undefined;

/** Frames are handled in order: once a message to oneself comes back, earlier ones were handled. */
async function roundTrip(client: WsClient): Promise<void> {
  const marker = Math.random();
  client.send({ type: 'CANDIDATE', dst: client.id, payload: { marker } });
  await client.next(
    (f) => f.type === 'CANDIDATE' && (f.payload as { marker?: number }).marker === marker,
  );
}
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const offerPayload = {
  sdp: { type: 'offer', sdp: 'v=0\r\n' + 'a=x\r\n'.repeat(200) },
  type: 'data',
  connectionId: 'dc_1',
  label: 'dc_1',
  reliable: true,
  serialization: 'binary',
  browser: 'chrome',
};

describe('relay', () => {
  it.each(['OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE', 'EXPIRE'])(
    'relays %s to dst with src stamped by the server',
    async (type) => {
      server = await startTestServer();
      const a = await WsClient.open(server);
      const b = await WsClient.open(server);
      a.send({ type, dst: b.id, payload: offerPayload });
      const got = await b.next((f) => f.type === type);
      expect(got).toEqual({ type, src: a.id, dst: b.id, payload: offerPayload });
    },
  );

  it('ignores a client-supplied src and drops unknown fields', async () => {
    server = await startTestServer();
    const a = await WsClient.open(server);
    const b = await WsClient.open(server);
    a.send({ type: 'OFFER', src: b.id, dst: b.id, payload: offerPayload, extra: 1 });
    a.send(`  {"type":"ANSWER","dst":${JSON.stringify(b.id)},"payload":{"n":1}}  `);
    const offer = await b.next((f) => f.type === 'OFFER');
    expect(offer).toEqual({ type: 'OFFER', src: a.id, dst: b.id, payload: offerPayload });
    const answer = await b.next((f) => f.type === 'ANSWER');
    expect(answer).toEqual({ type: 'ANSWER', src: a.id, dst: b.id, payload: { n: 1 } });
  });

  it('relays a message without payload, and to oneself', async () => {
    server = await startTestServer();
    const a = await WsClient.open(server);
    a.send({ type: 'CANDIDATE', dst: a.id });
    expect(await a.next((f) => f.type === 'CANDIDATE')).toEqual({
      type: 'CANDIDATE',
      src: a.id,
      dst: a.id,
    });
  });

  it('queues messages for an absent peer and delivers them, in order, after OPEN', async () => {
    server = await startTestServer();
    const a = await WsClient.open(server);
    a.send({ type: 'OFFER', dst: 'late-peer', payload: { n: 1 } });
    a.send({ type: 'CANDIDATE', dst: 'late-peer', payload: { n: 2 } });
    a.send({ type: 'LEAVE', dst: 'late-peer' }); // LEAVE is not queued
    await roundTrip(a); // all three were handled before late-peer connects
    const late = await WsClient.connect(server, { id: 'late-peer' });
    await late.next((f) => f.type === 'OPEN');
    const first = await late.next((f) => f.type === 'OFFER');
    const second = await late.next((f) => f.type === 'CANDIDATE');
    expect(first).toEqual({ type: 'OFFER', src: a.id, dst: 'late-peer', payload: { n: 1 } });
    expect(second).toEqual({ type: 'CANDIDATE', src: a.id, dst: 'late-peer', payload: { n: 2 } });
    expect(late.frames.map((f) => f.type)).toEqual(['OPEN', 'OFFER', 'CANDIDATE']);
  });

  it('answers the sender with one EXPIRE per destination after expire_timeout', async () => {
    server = await startTestServer({ expireTimeout: 150 });
    const a = await WsClient.open(server);
    const started = Date.now();
    a.send({ type: 'OFFER', dst: 'nobody', payload: { n: 1 } });
    a.send({ type: 'CANDIDATE', dst: 'nobody', payload: { n: 2 } });
    const expire = await a.next((f) => f.type === 'EXPIRE');
    expect(expire).toEqual({ type: 'EXPIRE', src: 'nobody', dst: a.id });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    // Nothing is delivered to a peer that connects after expiry.
    const late = await WsClient.open(server, { id: 'nobody' });
    late.send({ type: 'HEARTBEAT' });
    a.send({ type: 'CANDIDATE', dst: 'nobody', payload: { marker: true } });
    await late.next((f) => f.type === 'CANDIDATE');
    expect(late.frames.map((f) => f.type)).toEqual(['OPEN', 'CANDIDATE']);
    expect(a.frames.filter((f) => f.type === 'EXPIRE')).toHaveLength(1);
  });

  it('answers EXPIRE at once when the per-destination queue is full', async () => {
    server = await startTestServer({ maxQueuePerPeer: 2, expireTimeout: 60_000 });
    const limits: unknown[] = [];
    server.on('limit', (e) => limits.push(e));
    const a = await WsClient.open(server);
    for (let n = 0; n < 3; n += 1) a.send({ type: 'OFFER', dst: 'absent', payload: { n } });
    expect(await a.next((f) => f.type === 'EXPIRE')).toEqual({
      type: 'EXPIRE',
      src: 'absent',
      dst: a.id,
    });
    expect(limits).toEqual([{ id: a.id, ip: '127.0.0.1', limit: 'max_queue_per_peer' }]);
    const late = await WsClient.open(server, { id: 'absent' });
    await late.next((f) => f.type === 'OFFER' && (f.payload as { n: number }).n === 1);
  });

  it('answers EXPIRE at once when the queues hold max_queue_bytes', async () => {
    server = await startTestServer({ maxQueueBytes: 1_000, expireTimeout: 60_000 });
    const a = await WsClient.open(server);
    a.send({ type: 'OFFER', dst: 'x1', payload: { pad: 'x'.repeat(600) } });
    a.send({ type: 'OFFER', dst: 'x2', payload: { pad: 'x'.repeat(600) } });
    expect(await a.next((f) => f.type === 'EXPIRE')).toEqual({
      type: 'EXPIRE',
      src: 'x2',
      dst: a.id,
    });
  });

  it('LEAVE without dst removes the sender', async () => {
    server = await startTestServer();
    const a = await WsClient.open(server);
    const gone = new Promise((resolve) => server?.once('disconnect', resolve));
    a.send({ type: 'LEAVE' });
    expect(await gone).toBe(a.id);
    expect(await a.closed()).toEqual({ code: 1000, reason: 'Left' });
    expect(server.clientCount()).toBe(0);
  });

  it('drops a client silent past alive_timeout; HEARTBEAT keeps a client alive', async () => {
    server = await startTestServer({ aliveTimeout: 400 });
    const silent = await WsClient.open(server);
    const chatty = await WsClient.open(server);
    const timer = setInterval(() => {
      chatty.send({ type: 'HEARTBEAT' });
    }, 50);
    try {
      const gone = new Promise((resolve) => server?.once('disconnect', resolve));
      expect(await gone).toBe(silent.id);
      expect(await silent.closed()).toEqual({ code: 1008, reason: 'No message for 400 ms' });
      // the other one outlived two timeouts thanks to its heartbeats
      const started = Date.now();
      await expect.poll(() => Date.now() - started, { timeout: 5_000 }).toBeGreaterThan(800);
      expect(chatty.isOpen).toBe(true);
      expect(server.clientCount()).toBe(1);
    } finally {
      clearInterval(timer);
    }
  });

  it('a peer whose socket closed gets its messages queued again, not lost', async () => {
    server = await startTestServer();
    const a = await WsClient.open(server);
    const b = await WsClient.open(server, { id: 'b-peer' });
    const gone = new Promise((resolve) => server?.once('disconnect', resolve));
    await b.close();
    await gone;
    a.send({ type: 'OFFER', dst: 'b-peer', payload: { again: true } });
    await roundTrip(a);
    const back = await WsClient.open(server, { id: 'b-peer' });
    expect(await back.next((f) => f.type === 'OFFER')).toMatchObject({ src: a.id });
  });

  it('pauses a sender whose destination does not read, and delivers everything after', async () => {
    server = await startTestServer({ messageRate: 0 });
    const a = await WsClient.open(server);
    const b = await WsClient.open(server);
    b.socket.pause(); // b stops reading: the server's buffer for b fills up
    const count = 200; // 200 × 60 KB = 12 MB, far over the 1 MiB high-water mark
    const pad = 'x'.repeat(60_000);
    for (let n = 0; n < count; n += 1)
      a.send({ type: 'CANDIDATE', dst: b.id, payload: { n, pad } });
    b.socket.resume();
    await b.next((f) => f.type === 'CANDIDATE' && (f.payload as { n: number }).n === count - 1);
    const ns = b.frames
      .filter((f) => f.type === 'CANDIDATE')
      .map((f) => (f.payload as { n: number }).n);
    expect(ns).toEqual(Array.from({ length: count }, (_, n) => n));
    expect(a.isOpen && b.isOpen).toBe(true);
  });
});
