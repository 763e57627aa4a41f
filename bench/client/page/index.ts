/**
 * The client benchmark's page module, bundled as the global `ClientBench` and loaded after the
 * libraries (ParleyPeer, peerjs). The orchestrator calls these functions with page.evaluate;
 * every timing is taken here, in the page, with performance.now().
 */
import { Driver, respond, type Channel } from './Channel';
import { CHECKSUM_SEED, checksumBytes, fillNoise } from './checksum';
import { withTimeout, type Endpoint, type EndpointHooks } from './Endpoint';
import { absoluteNow, fakeCamera, firstFrame, removeVideos } from './media';
import { PeerJsEndpoint } from './PeerJsEndpoint';
import { RawEndpoint } from './RawEndpoint';
import type { Lib, MeshStatus, Serialization, ServerInfo, TransferResult } from './types';

const OPEN_TIMEOUT_MS = 20_000;

let server: ServerInfo | undefined;
let localStream: MediaStream | undefined;
const endpoints = new Map<string, Endpoint>();
const drivers = new Map<string, Driver>();
const pageErrors: string[] = [];
let mesh: { startedAt: number; firstFrameAt: Record<string, number> } | undefined;

function meshFrame(peer: string, stream: MediaStream): void {
  const state = mesh;
  if (!state) return;
  firstFrame(stream).then(
    (at) => {
      state.firstFrameAt[peer] ??= at;
    },
    (error: unknown) => pageErrors.push(`first frame from ${peer}: ${String(error)}`),
  );
}

const hooks: EndpointHooks = {
  localStream: () => localStream,
  onRemoteStream: meshFrame,
  onChannel: (channel: Channel) => {
    respond(channel);
  },
  onError: (message) => pageErrors.push(message),
};

function createEndpoint(lib: Lib, id: string): Endpoint {
  if (!server) throw new Error('configure() the server first');
  return lib === 'raw'
    ? new RawEndpoint(id, server, hooks)
    : new PeerJsEndpoint(lib, id, server, hooks);
}

function endpoint(id: string): Endpoint {
  const found = endpoints.get(id);
  if (!found) throw new Error(`no endpoint ${id}`);
  return found;
}

function driver(key: string): Driver {
  const found = drivers.get(key);
  if (!found) throw new Error(`no connection ${key}`);
  return found;
}

export function configure(info: ServerInfo): void {
  server = info;
}

/** Errors seen outside measured calls, since the last call. */
export function takeErrors(): string[] {
  return pageErrors.splice(0);
}

/** Creates a long-lived endpoint; resolves with new → open, ms. */
export async function openEndpoint(lib: Lib, id: string): Promise<number> {
  const start = performance.now();
  const created = createEndpoint(lib, id);
  endpoints.set(id, created);
  await withTimeout(created.opened, OPEN_TIMEOUT_MS, `${lib} ${id} open`);
  return performance.now() - start;
}

/** new Peer → 'open' for a throwaway endpoint, ms. */
export async function peerOpenOnce(lib: Lib, id: string): Promise<number> {
  const start = performance.now();
  const created = createEndpoint(lib, id);
  try {
    await withTimeout(created.opened, OPEN_TIMEOUT_MS, `${lib} ${id} open`);
    return performance.now() - start;
  } finally {
    created.destroy();
  }
}

/** connect() → 'open' on this side, ms; the connection is kept as `key`. */
export async function connect(
  fromId: string,
  toId: string,
  serialization: Serialization,
  key: string,
): Promise<number> {
  const from = endpoint(fromId);
  const start = performance.now();
  const channel = await withTimeout(
    from.connect(toId, serialization),
    OPEN_TIMEOUT_MS,
    `${from.lib} connect ${fromId} → ${toId} (${serialization})`,
  );
  const ms = performance.now() - start;
  drivers.set(key, new Driver(channel));
  return ms;
}

export function closeConnection(key: string): void {
  drivers.get(key)?.channel.close();
  drivers.delete(key);
}

/** Round trips of small messages, one at a time, after `warmup` unmeasured ones; ms each. */
export async function roundTrips(
  key: string,
  kind: 'object' | 'string',
  count: number,
  warmup: number,
): Promise<number[]> {
  const d = driver(key);
  const samples: number[] = [];
  for (let i = -warmup; i < count; i++) {
    const message = kind === 'object' ? { seq: i, text: 'round trip' } : `rt:${i}:round trip`;
    const start = performance.now();
    const echo = await withTimeout(d.echo(message), 10_000, `echo ${i}`);
    const ms = performance.now() - start;
    const seq =
      typeof echo === 'string' ? Number(echo.split(':')[1]) : (echo as { seq?: unknown }).seq;
    if (seq !== i) throw new Error(`echo ${i} came back as ${JSON.stringify(echo)}`);
    if (i >= 0) samples.push(ms);
  }
  return samples;
}

/**
 * Sends `totalBytes` of noise as `messageBytes`-sized ArrayBuffers (all allocated up front, as
 * an application holding the data would) and resolves when the receiver has acknowledged the
 * last byte with its count and checksum.
 */
export async function transfer(
  key: string,
  messageBytes: number,
  totalBytes: number,
  seed: number,
  timeoutMs: number,
): Promise<TransferResult> {
  const d = driver(key);
  const messages: ArrayBuffer[] = [];
  let state = seed;
  let sentChecksum = CHECKSUM_SEED;
  for (let left = totalBytes; left > 0; left -= messageBytes) {
    const buffer = new ArrayBuffer(Math.min(messageBytes, left));
    state = fillNoise(buffer, state);
    sentChecksum = checksumBytes(sentChecksum, new Uint8Array(buffer));
    messages.push(buffer);
  }
  const ready = await withTimeout(
    d.control({ kind: 'expect', bytes: totalBytes }),
    10_000,
    'ready',
  );
  if (ready.kind !== 'ready') throw new Error(`expected 'ready', got ${JSON.stringify(ready)}`);
  const done = d.control(undefined);
  const start = performance.now();
  await d.channel.sendAll(messages);
  messages.length = 0;
  const ack = await withTimeout(done, timeoutMs, `ack of ${totalBytes} bytes`);
  const ms = performance.now() - start;
  if (ack.kind !== 'done') throw new Error(`expected 'done', got ${JSON.stringify(ack)}`);
  return {
    bytes: ack.bytes,
    sentBytes: totalBytes,
    ms,
    receivedChecksum: ack.checksum,
    sentChecksum,
  };
}

export async function acquireMedia(): Promise<void> {
  localStream ??= await fakeCamera();
}

/** call() → the first presented frame of the remote (answering) side's video, ms. */
export async function callOnce(fromId: string, toId: string, timeoutMs: number): Promise<number> {
  if (!localStream) throw new Error('acquireMedia() first');
  const from = endpoint(fromId);
  const start = absoluteNow();
  const call = from.call(toId, localStream);
  try {
    const stream = await withTimeout(call.remoteStream, timeoutMs, `${from.lib} call stream`);
    const at = await withTimeout(firstFrame(stream), timeoutMs, `${from.lib} first frame`);
    return at - start;
  } finally {
    call.close();
    removeVideos();
  }
}

/** Closes every call of every endpoint here and removes the videos. */
export function closeCalls(): void {
  for (const e of endpoints.values()) e.closeCalls();
  removeVideos();
  mesh = undefined;
}

/** Makes this page record the first frame of every remote stream from now on (a mesh). */
export function meshArm(): void {
  mesh = { startedAt: Number.NaN, firstFrameAt: {} };
}

/** Starts this page's part of an armed mesh: calls `toIds`, answers the others (see hooks). */
export function meshStart(fromId: string, toIds: readonly string[]): void {
  if (!localStream) throw new Error('acquireMedia() first');
  if (!mesh) throw new Error('meshArm() first');
  const from = endpoint(fromId);
  mesh.startedAt = absoluteNow();
  for (const toId of toIds) {
    const call = from.call(toId, localStream);
    call.remoteStream.then(
      (stream) => {
        meshFrame(toId, stream);
      },
      (error: unknown) => pageErrors.push(`mesh call to ${toId}: ${String(error)}`),
    );
  }
}

export function meshStatus(): MeshStatus {
  return {
    startedAt: mesh?.startedAt ?? Number.NaN,
    firstFrameAt: { ...mesh?.firstFrameAt },
    errors: [...pageErrors],
  };
}

export function destroyAll(): void {
  closeCalls();
  for (const key of [...drivers.keys()]) closeConnection(key);
  for (const e of endpoints.values()) e.destroy();
  endpoints.clear();
}
