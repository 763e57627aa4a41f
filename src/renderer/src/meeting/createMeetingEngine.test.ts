import { describe, expect, it } from 'vitest';
import { createMeetingEngineFactory, ownSignalingServer } from './createMeetingEngine';
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
