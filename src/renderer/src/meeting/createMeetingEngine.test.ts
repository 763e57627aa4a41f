import { describe, expect, it } from 'vitest';
import {
  createMeetingEngineFactory,
  lanSignalingServers,
  ownSignalingServer,
} from './createMeetingEngine';
import { MeetingError } from './engine';
import { INITIAL_STATE } from './types';

describe('ownSignalingServer', () => {
  it('uses the embedded server on this machine in the desktop app', () => {
    expect(
      ownSignalingServer({
        kind: 'electron',
        status: { state: 'running', port: 9001 },
        location: undefined,
      }),
    ).toEqual({ host: '127.0.0.1', port: 9001, path: '/', key: 'peerjs', secure: false });
    // The path and key the server reports are used, not assumed.
    expect(
      ownSignalingServer({
        kind: 'electron',
        status: { state: 'running', port: 9001, path: '/p/', key: 'k' },
        location: undefined,
      }),
    ).toMatchObject({ path: '/p/', key: 'k' });
    expect(
      ownSignalingServer({
        kind: 'electron',
        status: { state: 'stopped', port: null },
        location: undefined,
      }),
    ).toBeUndefined();
  });

  it("uses the page's own server in a browser", () => {
    const location = { hostname: '192.168.1.5', port: '', protocol: 'https:' };
    expect(ownSignalingServer({ kind: 'web', status: null, location })).toEqual({
      host: '192.168.1.5',
      port: 443,
      path: '/',
      key: 'peerjs',
      secure: true,
    });
    expect(
      ownSignalingServer({
        kind: 'web',
        status: null,
        location: { ...location, protocol: 'file:' },
      }),
    ).toBeUndefined();
  });
});

describe('createMeetingEngineFactory', () => {
  const request = {
    code: 'abc-defg-hjk',
    displayName: 'Ann',
    create: true,
    localStream: null,
    state: { ...INITIAL_STATE },
    iceServers: [],
  };

  it('gives meetings ids in the room of their code', () => {
    const engine = createMeetingEngineFactory(() => undefined)(request);
    expect(engine.code).toBe('abc-defg-hjk');
    expect(engine.selfId).toMatch(/^parley-[0-9a-f]{16}-[a-z0-9]{12}$/);
  });

  it('fails join() clearly without a server, and on an invalid code', async () => {
    const noServer = createMeetingEngineFactory(() => undefined)(request);
    await expect(noServer.join()).rejects.toMatchObject({ type: 'server-unreachable' });
    const bad = createMeetingEngineFactory(() => undefined)({ ...request, code: 'nope' });
    const error = await bad.join().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingError);
    expect(error).toMatchObject({ type: 'invalid-code' });
  });
});

describe('lanSignalingServers', () => {
  it("uses each LAN meeting's first address, port, path and key", () => {
    expect(
      lanSignalingServers([
        {
          host: 'pc.local',
          addresses: ['192.168.1.40', '10.0.0.4'],
          port: 9100,
          path: '/x/',
          key: 'k',
          secure: false,
        },
        { host: 'other.local', addresses: [], port: 9000, path: '/', key: 'peerjs', secure: true },
      ]),
    ).toEqual([
      { host: '192.168.1.40', port: 9100, path: '/x/', key: 'k', secure: false },
      { host: 'other.local', port: 9000, path: '/', key: 'peerjs', secure: true },
    ]);
  });

  it('a join by code without a server looks on the LAN servers too', async () => {
    const asked: string[] = [];
    const fetchImpl: typeof fetch = (input) => {
      asked.push(String(input instanceof Request ? input.url : input));
      return Promise.reject(new TypeError('Failed to fetch'));
    };
    const lan = { host: '192.168.1.40', port: 9100, path: '/', key: 'peerjs', secure: false };
    const own = { host: '127.0.0.1', port: 9000, path: '/', key: 'peerjs', secure: false };
    const factory = createMeetingEngineFactory(
      () => own,
      { fetch: fetchImpl },
      () => [lan],
    );
    const joinByCode = factory({
      code: 'abc-defg-hjk',
      displayName: 'Ann',
      create: false,
      localStream: null,
      state: { ...INITIAL_STATE },
      iceServers: [],
    });
    await expect(joinByCode.join()).rejects.toMatchObject({ type: 'server-unreachable' });
    expect(asked.sort()).toEqual([
      'http://127.0.0.1:9000/peerjs/peers',
      'http://192.168.1.40:9100/peerjs/peers',
    ]);
  });
});
