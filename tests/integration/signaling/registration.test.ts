import { afterEach, describe, expect, it } from 'vitest';
import type { LimitEvent, SignalingServer } from '../../../src/main/signaling';
import { WsClient, assertServesFreshPair, startTestServer } from './wsClient';

let server: SignalingServer | undefined;
const extra: WsClient[] = [];
afterEach(async () => {
  await Promise.all(extra.splice(0).map((c) => c.close()));
  await server?.close();
  server = undefined;
});

describe('registration', () => {
  it('sends OPEN and reports connection / disconnect events', async () => {
    server = await startTestServer();
    const events: string[] = [];
    server.on('connection', (id) => events.push(`+${id}`));
    server.on('disconnect', (id) => events.push(`-${id}`));
    const a = await WsClient.connect(server, { id: 'alice' });
    expect(await a.next(() => true)).toEqual({ type: 'OPEN' });
    expect(server.clientCount()).toBe(1);
    await a.close();
    await expect.poll(() => events).toEqual(['+alice', '-alice']);
    expect(server.clientCount()).toBe(0);
  });

  it('answers ID-TAKEN to a different token for a taken id, and keeps the owner', async () => {
    server = await startTestServer();
    const owner = await WsClient.open(server, { id: 'alice', token: 'secret-1' });
    const thief = await WsClient.connect(server, { id: 'alice', token: 'secret-2' });
    expect(await thief.next(() => true)).toEqual({
      type: 'ID-TAKEN',
      payload: { msg: 'ID is taken' },
    });
    expect(await thief.closed()).toEqual({ code: 1008, reason: 'ID is taken' });
    // a token of another length is refused the same way
    const longer = await WsClient.connect(server, { id: 'alice', token: 'secret-1-but-longer' });
    expect((await longer.next(() => true)).type).toBe('ID-TAKEN');
    expect(owner.isOpen).toBe(true);
    const b = await WsClient.open(server);
    b.send({ type: 'CANDIDATE', dst: 'alice', payload: { still: 'mine' } });
    expect(await owner.next((f) => f.type === 'CANDIDATE')).toMatchObject({ src: b.id });
  });

  it('gives OPEN to the same id with the same token and closes the old socket', async () => {
    server = await startTestServer();
    const disconnects: string[] = [];
    server.on('disconnect', (id) => disconnects.push(id));
    const old = await WsClient.open(server, { id: 'alice', token: 'tok' });
    const fresh = await WsClient.connect(server, { id: 'alice', token: 'tok' });
    expect(await fresh.next(() => true)).toEqual({ type: 'OPEN' });
    expect(await old.closed()).toEqual({ code: 1000, reason: 'Replaced by a new connection' });
    expect(server.clientCount()).toBe(1);
    const b = await WsClient.open(server);
    b.send({ type: 'OFFER', dst: 'alice', payload: { n: 1 } });
    expect(await fresh.next((f) => f.type === 'OFFER')).toMatchObject({ src: b.id });
    expect(disconnects).toEqual([]); // alice never left
    await fresh.close();
    await expect.poll(() => disconnects).toEqual(['alice']);
  });

  it('answers INVALID-KEY to a wrong key', async () => {
    server = await startTestServer({ key: 'meeting' });
    const c = await WsClient.connect(server, { key: 'peerjs' });
    expect(await c.next(() => true)).toEqual({
      type: 'INVALID-KEY',
      payload: { msg: 'Invalid key provided' },
    });
    expect(await c.closed()).toEqual({ code: 1008, reason: 'Invalid key provided' });
    await WsClient.open(server, { key: 'meeting' });
  });

  it.each([
    ['no id', 'key=peerjs&token=t'],
    ['no token', 'key=peerjs&id=a'],
    ['no key', 'id=a&token=t'],
    ['empty id', 'key=peerjs&id=&token=t'],
    ['no query', ''],
  ])('answers ERROR to missing parameters (%s)', async (_name, query) => {
    server = await startTestServer();
    const c = await WsClient.connect(server, { query });
    expect(await c.next(() => true)).toEqual({
      type: 'ERROR',
      payload: { msg: 'No id, token, or key supplied to websocket server' },
    });
    expect((await c.closed()).code).toBe(1008);
  });

  it.each([
    ['too long', 'a'.repeat(65)],
    ['bad characters', 'a/b'],
    ['leading dash', '-ab'],
    ['percent-encoded NUL', 'a%00b'],
  ])('refuses an invalid id (%s)', async (_name, id) => {
    server = await startTestServer();
    const c = await WsClient.connect(server, { query: `key=peerjs&id=${id}&token=t` });
    const frame = await c.next(() => true);
    expect(frame.type).toBe('ERROR');
    expect((frame.payload as { msg: string }).msg).toMatch(/^Invalid id/);
    expect(await c.closed()).toEqual({ code: 1008, reason: 'Invalid id' });
  });

  it('refuses a token over 128 characters', async () => {
    server = await startTestServer();
    const c = await WsClient.connect(server, { token: 't'.repeat(129) });
    expect(await c.next(() => true)).toEqual({
      type: 'ERROR',
      payload: { msg: 'Invalid token: use 1-128 characters' },
    });
  });

  it('enforces concurrent_limit, and a replacing socket still gets in at the limit', async () => {
    server = await startTestServer({ concurrentLimit: 2 });
    const limits: LimitEvent[] = [];
    server.on('limit', (e) => limits.push(e));
    await WsClient.open(server, { id: 'one', token: 'tok' });
    await WsClient.open(server, { id: 'two' });
    const third = await WsClient.connect(server, { id: 'three' });
    expect(await third.next(() => true)).toEqual({
      type: 'ERROR',
      payload: { msg: 'Server has reached its concurrent user limit' },
    });
    expect((await third.closed()).code).toBe(1013);
    expect(limits).toEqual([{ id: 'three', ip: '127.0.0.1', limit: 'concurrent_limit' }]);
    const again = await WsClient.connect(server, { id: 'one', token: 'tok' });
    expect(await again.next(() => true)).toEqual({ type: 'OPEN' });
  });

  it('enforces per_ip_limit on open sockets, and frees a slot when one closes', async () => {
    server = await startTestServer({ perIpLimit: 2 });
    const limits: LimitEvent[] = [];
    server.on('limit', (e) => limits.push(e));
    const a = await WsClient.open(server);
    await WsClient.open(server);
    const c = await WsClient.connect(server);
    expect(await c.next(() => true)).toEqual({
      type: 'ERROR',
      payload: { msg: 'Too many connections from this address (limit 2)' },
    });
    expect((await c.closed()).code).toBe(1008);
    expect(limits).toEqual([{ ip: '127.0.0.1', limit: 'per_ip_limit' }]);
    await a.close();
    await expect
      .poll(async () => {
        const d = await WsClient.connect(server as SignalingServer);
        extra.push(d);
        return (await d.next(() => true)).type;
      })
      .toBe('OPEN');
  });

  it('per_ip_limit 0 turns the cap off', async () => {
    server = await startTestServer({ perIpLimit: 0 });
    const clients = await Promise.all(
      Array.from({ length: 20 }, () => WsClient.open(server as SignalingServer)),
    );
    expect(server.clientCount()).toBe(20);
    await Promise.all(clients.map((c) => c.close()));
  });

  it('accepts extra query parameters and a trailing slash on the socket path', async () => {
    server = await startTestServer({ path: '/signal' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/signal\/$/);
    const c = await WsClient.connect(server, {
      socketPath: 'peerjs/',
      query: 'key=peerjs&id=x1&token=t&version=1.5.5&extra=%zz',
    });
    expect(await c.next(() => true)).toEqual({ type: 'OPEN' });
    await assertServesFreshPair(server);
  });
});
