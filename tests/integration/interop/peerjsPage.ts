/**
 * Browser side of the interop test: drives the OFFICIAL peerjs 1.5.5 client (the global `Peer`
 * from peerjs.min.js) and records what happens as JSON the test reads with snapshot().
 * Bundled with bundleForBrowser() as the global `InteropPage`.
 */
import type {
  DataConnectionLike,
  MediaConnectionLike,
  MediaStreamLike,
  PageGlobals,
  PeerLike,
} from './browserTypes';
import type {
  CallSnapshot,
  ConnectionSnapshot,
  Outgoing,
  PeerSnapshot,
  Received,
  ServerAddress,
} from './types';

const page = globalThis as unknown as PageGlobals;
let peer: PeerLike | undefined;
let localStream: Promise<MediaStreamLike> | undefined;
const errors: { type: string; message: string }[] = [];
const connections = new Map<
  string,
  { connection: DataConnectionLike; state: ConnectionSnapshot }
>();
const calls = new Map<string, { call: MediaConnectionLike; state: CallSnapshot }>();

function describe(data: unknown): Received {
  const ctor = (data as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'null';
  if (typeof data === 'string') return { kind: 'string', ctor, value: data };
  if (data instanceof ArrayBuffer) return { kind: 'bytes', ctor, value: [...new Uint8Array(data)] };
  if (ArrayBuffer.isView(data)) {
    const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return { kind: 'bytes', ctor, value: [...view] };
  }
  if (typeof data === 'object' && data !== null) return { kind: 'object', ctor, value: data };
  return { kind: 'other', ctor, value: String(data) };
}

function track(connection: DataConnectionLike): void {
  const state: ConnectionSnapshot = {
    id: connection.connectionId,
    peer: connection.peer,
    serialization: connection.serialization,
    opened: false,
    closed: false,
    received: [],
    errors: [],
  };
  const mutable = state as { opened: boolean; closed: boolean };
  connections.set(connection.connectionId, { connection, state });
  connection.on('open', () => (mutable.opened = true));
  connection.on('close', () => (mutable.closed = true));
  connection.on('data', (data) => state.received.push(describe(data)));
  connection.on('error', (error) => state.errors.push(`${error.type}: ${error.message}`));
}

function getLocalStream(): Promise<MediaStreamLike> {
  localStream ??= page.navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  return localStream;
}

function trackCall(call: MediaConnectionLike): void {
  const state: CallSnapshot = {
    id: call.connectionId,
    peer: call.peer,
    remoteStream: false,
    renderedFrames: 0,
    closed: false,
    errors: [],
  };
  const mutable = state as { remoteStream: boolean; renderedFrames: number; closed: boolean };
  calls.set(call.connectionId, { call, state });
  call.on('stream', (stream) => {
    if (mutable.remoteStream) return; // peerjs may emit once per track
    mutable.remoteStream = true;
    const video = page.document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.srcObject = stream;
    page.document.body.append(video);
    const onFrame = (): void => {
      mutable.renderedFrames++;
      if (!mutable.closed) video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    video.play().catch((error: unknown) => state.errors.push(`play: ${String(error)}`));
  });
  call.on('close', () => (mutable.closed = true));
  call.on('error', (error) => state.errors.push(`${error.type}: ${error.message}`));
}

/** Creates the Peer (with `id`, or a server-assigned one); resolves with its id when open. */
export function start(server: ServerAddress, id?: string): Promise<string> {
  if (peer !== undefined) return Promise.reject(new Error('start() called twice'));
  const created = new page.Peer(id, {
    ...server,
    secure: false,
    debug: 1,
    config: { iceServers: [] }, // no STUN: the LAN (here: loopback) has no internet
  });
  peer = created;
  created.on('error', (error) => errors.push({ type: error.type, message: error.message }));
  created.on('connection', track);
  created.on('call', (call) => {
    trackCall(call);
    getLocalStream().then(
      (stream) => {
        call.answer(stream);
      },
      (error: unknown) => errors.push({ type: 'getUserMedia', message: String(error) }),
    );
  });
  return new Promise((resolve, reject) => {
    created.on('open', resolve);
    created.on('error', (error) => {
      reject(new Error(`${error.type}: ${error.message}`));
    });
  });
}

function requirePeer(): PeerLike {
  if (peer === undefined) throw new Error('call start() first');
  return peer;
}

/** Opens a DataConnection; returns its id at once (watch snapshot() for 'open'). */
export function connect(remote: string, serialization: string): string {
  const connection = requirePeer().connect(remote, { serialization, reliable: true });
  track(connection);
  return connection.connectionId;
}

/** Sends a value on a connection. */
export async function send(connectionId: string, outgoing: Outgoing): Promise<void> {
  const entry = connections.get(connectionId);
  if (entry === undefined) throw new Error(`no connection ${connectionId}`);
  const value = outgoing.kind === 'bytes' ? new Uint8Array(outgoing.value).buffer : outgoing.value;
  await entry.connection.send(value);
}

/** Calls `remote` with the fake camera and microphone; returns the call id. */
export async function call(remote: string): Promise<string> {
  const media = requirePeer().call(remote, await getLocalStream());
  trackCall(media);
  return media.connectionId;
}

/** framesDecoded of the call's inbound video (getStats), 0 before any. */
export async function framesDecoded(callId: string): Promise<number> {
  const connection = calls.get(callId)?.call.peerConnection;
  if (connection === null || connection === undefined) return 0;
  let decoded = 0;
  (await connection.getStats()).forEach((stats) => {
    if (stats.type === 'inbound-rtp' && stats.kind === 'video') decoded += stats.framesDecoded ?? 0;
  });
  return decoded;
}

/** Closes a DataConnection or a call by id. */
export function close(id: string): void {
  const entry = connections.get(id)?.connection ?? calls.get(id)?.call;
  if (entry === undefined) throw new Error(`no connection or call ${id}`);
  entry.close();
}

/** Destroys the Peer (closes every connection and leaves the server). */
export function destroy(): void {
  peer?.destroy();
}

/** Everything recorded so far, as JSON. */
export function snapshot(): PeerSnapshot {
  return {
    id: peer?.id ?? null,
    open: peer?.open ?? false,
    errors: [...errors],
    connections: [...connections.values()].map(({ state }) => state),
    calls: [...calls.values()].map(({ state }) => state),
  };
}
