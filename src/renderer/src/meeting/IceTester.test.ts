import { describe, expect, it } from 'vitest';
import { testIceServers } from './IceTester';

/** A scripted peer connection: only the candidate gathering that testIceServers observes. */
class ScriptedPc extends EventTarget {
  closed = false;
  constructor(private readonly script: (pc: ScriptedPc) => void) {
    super();
  }
  createDataChannel(): void {}
  createOffer(): Promise<RTCSessionDescriptionInit> {
    return Promise.resolve({ type: 'offer', sdp: '' });
  }
  setLocalDescription(): Promise<void> {
    queueMicrotask(() => {
      this.script(this);
    });
    return Promise.resolve();
  }
  candidate(type: RTCIceCandidateType | null): void {
    const e = new Event('icecandidate') as Event & { candidate: unknown };
    e.candidate = type ? { type } : null;
    this.dispatchEvent(e);
  }
  error(url: string, errorCode: number, errorText: string): void {
    this.dispatchEvent(
      Object.assign(new Event('icecandidateerror'), { url, errorCode, errorText }),
    );
  }
  close(): void {
    this.closed = true;
  }
}

const run = (servers: RTCIceServer[], script: (pc: ScriptedPc) => void, timeoutMs = 200) => {
  let pc: ScriptedPc | undefined;
  const result = testIceServers(servers, {
    timeoutMs,
    createPeerConnection: () => (pc = new ScriptedPc(script)) as unknown as RTCPeerConnection,
  });
  return result.then((r) => ({ ...r, closed: pc?.closed }));
};

describe('testIceServers', () => {
  it('reports a working TURN relay and closes the connection', async () => {
    const r = await run([{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'p' }], (pc) => {
      pc.candidate('host');
      pc.candidate('relay');
    });
    expect(r.found.relay).toBe(1);
    expect(r.complete).toBe(true);
    expect(r.summary).toBe('TURN relay works');
    expect(r.closed).toBe(true);
  });

  it('explains a 401 from bad TURN credentials, with its own timeout', async () => {
    const r = await run(
      [{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'bad' }],
      (pc) => {
        pc.candidate('host');
        pc.error('turn:127.0.0.1:3478?transport=udp', 401, 'Unauthorized');
      },
    );
    expect(r.complete).toBe(false);
    expect(r.errors).toEqual([
      { url: 'turn:127.0.0.1:3478?transport=udp', code: 401, text: 'Unauthorized' },
    ]);
    expect(r.summary).toBe(
      'no TURN relay candidate; TURN rejected the username or credential (401); timed out waiting for the server',
    );
  });

  it('reports STUN success and the LAN-only case', async () => {
    const stun = await run([{ urls: 'stun:127.0.0.1:3478' }], (pc) => {
      pc.candidate('host');
      pc.candidate('srflx');
    });
    expect(stun.summary).toBe('STUN works (public address found)');
    const none = await run([], (pc) => {
      pc.candidate('host');
      pc.candidate(null);
    });
    expect(none.summary).toBe('no STUN/TURN servers: 1 local candidate(s)');
  });
});
