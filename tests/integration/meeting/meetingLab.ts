/**
 * In-page driver of the meeting engine for the integration tests, bundled with
 * bundleForBrowser() (global `MeetingLab`): joins a real `Meeting` with fake camera/mic, records
 * every engine event, and attaches received streams to <video> elements to prove they decode.
 */
import { Meeting } from '../../../src/renderer/src/meeting/Meeting';
import { MeetingCode } from '../../../src/renderer/src/meeting/MeetingCode';
import type { MeetingError, SignalingServer } from '../../../src/renderer/src/meeting/engine';
import { INITIAL_STATE, type ParticipantState } from '../../../src/renderer/src/meeting/types';

export interface StartOptions {
  /** A code, or (with `link`) unused. */
  code: string;
  name: string;
  create: boolean;
  /** The server the request names (a LAN entry, a link), or our own when `search` is given. */
  server?: SignalingServer;
  /** Servers "found on the LAN": a join by code looks there too. */
  search?: SignalingServer[];
  /** A pasted link (parley:// or http(s)): its code and server are used, as the lobby does. */
  link?: string;
  /** Fake camera+mic (default) or no media at all. */
  media?: boolean;
}

const log = {
  joined: [] as string[],
  left: [] as { id: string; reason: string }[],
  chat: [] as { id: string; senderId: string; text: string }[],
  errors: [] as { type: string; message: string; fatal: boolean }[],
  media: [] as { id: string; kind: string; event: 'added' | 'removed' }[],
  stats: {} as Record<string, unknown>,
  speaker: [] as (string | undefined)[],
  files: [] as {
    name: string;
    size: number;
    bytes: number;
    state: string;
    direction: string;
    reason?: string;
  }[],
  offers: [] as { id: string; peerId: string; name: string; size: number; state: string }[],
  received: [] as { name: string; size: number; sum: number }[],
  ended: 0,
};
const videos = new Map<string, HTMLVideoElement>();
let meeting: Meeting | undefined;
let local: MediaStream | null = null;
/** What the page does with files offered to it. */
let fileAnswer: 'accept' | 'decline' | 'ignore' = 'accept';
let painter: ReturnType<typeof setInterval> | undefined;

async function start(
  o: StartOptions,
): Promise<{ ok: true; selfId: string } | { ok: false; type: string; message: string }> {
  local =
    o.media === false
      ? null
      : await navigator.mediaDevices.getUserMedia({
          audio: true,
          video: { width: 320, height: 240 },
        });
  let code = o.code;
  let server = o.server;
  if (o.link !== undefined) {
    try {
      const parsed = MeetingCode.parseLink(o.link);
      code = parsed.code;
      server = parsed.server ?? server;
    } catch (e) {
      return {
        ok: false,
        type: 'invalid-code',
        message: e instanceof Error ? e.message : String(e),
      };
    }
  }
  const m = new Meeting(
    {
      code,
      displayName: o.name,
      create: o.create,
      localStream: local,
      state: { ...INITIAL_STATE },
      iceServers: [],
      ...(server && !o.search ? { server } : {}),
    },
    {
      ...(server ? { server } : {}),
      ...(o.search ? { search: o.search } : {}),
      joinTimeoutMs: 10_000,
    },
  );
  meeting = m;
  m.on('participant-joined', (p) => log.joined.push(p.id));
  m.on('participant-left', (p, reason) => log.left.push({ id: p.id, reason }));
  m.on('chat', (c) => log.chat.push({ id: c.id, senderId: c.senderId, text: c.text }));
  m.on('error', (e: MeetingError, fatal) =>
    log.errors.push({ type: e.type, message: e.message, fatal }),
  );
  m.on('stats', (s) => (log.stats[s.participantId] = s));
  m.on('active-speaker', (id) => log.speaker.push(id));
  m.on('ended', () => (log.ended += 1));
  m.on('media-added', (id, kind, stream) => {
    log.media.push({ id, kind, event: 'added' });
    const key = `${id}:${kind}`;
    let v = videos.get(key);
    if (!v) {
      v = document.createElement('video');
      v.muted = true;
      v.autoplay = true;
      v.playsInline = true;
      document.body.append(v);
      videos.set(key, v);
    }
    v.srcObject = stream;
    void v.play().catch(() => undefined);
  });
  m.on('media-removed', (id, kind) => {
    log.media.push({ id, kind, event: 'removed' });
    videos.get(`${id}:${kind}`)?.remove();
    videos.delete(`${id}:${kind}`);
  });
  const fileLog = (t: {
    name: string;
    size: number;
    bytes: number;
    state: string;
    direction: string;
    reason?: string;
  }): void => {
    log.files.push({
      name: t.name,
      size: t.size,
      bytes: t.bytes,
      state: t.state,
      direction: t.direction,
      ...(t.reason === undefined ? {} : { reason: t.reason }),
    });
  };
  m.on('file-offered', (t) => {
    log.offers.push({ id: t.id, peerId: t.peerId, name: t.name, size: t.size, state: t.state });
    if (t.state !== 'offered') return;
    // As a user would: after a moment, click Accept or Decline.
    setTimeout(() => {
      if (fileAnswer === 'accept') m.acceptFile(t.id);
      else if (fileAnswer === 'decline') m.declineFile(t.id);
    }, 300);
  });
  m.on('file-ended', fileLog);
  m.on('file-received', (t, blob) => {
    void blob.arrayBuffer().then((b) => {
      let sum = 0;
      for (const x of new Uint8Array(b)) sum = (sum + x) % 1_000_000_007;
      log.received.push({ name: t.name, size: blob.size, sum });
    });
  });
  try {
    await m.join();
    return { ok: true, selfId: m.selfId };
  } catch (e) {
    const err = e as MeetingError;
    return { ok: false, type: err.type, message: err.message };
  }
}

/** Frames decoded per received stream key (`id:kind`), from the <video> elements. */
function decoding(): Record<string, { frames: number; width: number; time: number }> {
  const out: Record<string, { frames: number; width: number; time: number }> = {};
  for (const [key, v] of videos) {
    out[key] = {
      frames: v.getVideoPlaybackQuality().totalVideoFrames,
      width: v.videoWidth,
      time: v.currentTime,
    };
  }
  return out;
}

function participants(): { id: string; name: string; status: string; state: ParticipantState }[] {
  return (meeting?.participants() ?? []).map((p) => ({
    id: p.id,
    name: p.name,
    status: p.status,
    state: { ...p.state },
  }));
}

function screen(on: boolean): void {
  if (!on) {
    meeting?.setScreenStream(null);
    return;
  }
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const ctx = canvas.getContext('2d');
  let n = 0;
  setInterval(() => {
    if (!ctx) return;
    ctx.fillStyle = `hsl(${(n += 7) % 360} 80% 50%)`;
    ctx.fillRect(0, 0, 640, 360);
  }, 50);
  meeting?.setScreenStream(canvas.captureStream(15));
}

function sendFile(size: number): number {
  const bytes = new Uint8Array(size);
  let sum = 0;
  for (let i = 0; i < size; i += 1) {
    bytes[i] = (i * 31 + 7) % 251;
    sum = (sum + (bytes[i] ?? 0)) % 1_000_000_007;
  }
  meeting?.sendFile(new Blob([bytes]), `test-${size}.bin`);
  return sum;
}

/**
 * Sends a canvas of one colour and size as our camera (keeping our microphone), or the fake
 * camera again (`null` colour: a fresh getUserMedia stream).
 */
async function camera(o: { color: string; width: number; height: number } | null): Promise<void> {
  clearInterval(painter);
  const audio = local?.getAudioTracks() ?? [];
  for (const t of local?.getVideoTracks() ?? []) t.stop();
  let video: MediaStreamTrack | undefined;
  if (o) {
    const canvas = document.createElement('canvas');
    canvas.width = o.width;
    canvas.height = o.height;
    const ctx = canvas.getContext('2d');
    const paint = (): void => {
      if (!ctx) return;
      ctx.fillStyle = o.color;
      ctx.fillRect(0, 0, o.width, o.height);
    };
    paint();
    painter = setInterval(paint, 50); // a canvas stream sends frames only when painted
    video = canvas.captureStream(20).getVideoTracks()[0];
  } else {
    const s = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
    video = s.getVideoTracks()[0];
  }
  local = new MediaStream([...audio, ...(video ? [video] : [])]);
  meeting?.setLocalStream(local);
}

/** The size and centre colour of a received video (`id:kind`), as decoded in this page. */
function picture(
  key: string,
): { width: number; height: number; frames: number; rgb: number[] } | undefined {
  const v = videos.get(key);
  if (!v || v.videoWidth === 0) return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = v.videoWidth;
  canvas.height = v.videoHeight;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return undefined;
  ctx.drawImage(v, 0, 0);
  const d = ctx.getImageData(
    Math.floor(v.videoWidth / 2),
    Math.floor(v.videoHeight / 2),
    1,
    1,
  ).data;
  return {
    width: v.videoWidth,
    height: v.videoHeight,
    frames: v.getVideoPlaybackQuality().totalVideoFrames,
    rgb: [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0],
  };
}

export const lab = {
  camera,
  picture,
  /** How this page answers file offers from now on. */
  answerFiles: (mode: 'accept' | 'decline' | 'ignore') => {
    fileAnswer = mode;
    for (const t of meeting?.fileTransfers() ?? []) {
      if (t.direction !== 'in' || t.state !== 'offered') continue;
      if (mode === 'accept') meeting?.acceptFile(t.id);
      else if (mode === 'decline') meeting?.declineFile(t.id);
    }
  },
  /** Incoming transfers as the engine holds them now. */
  transfers: () =>
    (meeting?.fileTransfers() ?? []).map((t) => ({
      state: t.state,
      bytes: t.bytes,
      dir: t.direction,
    })),
  log,
  /** The server the meeting ended up on. */
  server: () => meeting?.server,
  start,
  decoding,
  participants,
  screen,
  sendFile,
  selfId: () => meeting?.selfId,
  sendChat: (text: string) => meeting?.sendChat(text).id,
  setState: (patch: Partial<ParticipantState>) => meeting?.setState(patch),
  history: () => (meeting?.chatHistory() ?? []).map((c) => c.id),
  leave: () => {
    clearInterval(painter);
    meeting?.leave();
    for (const t of local?.getTracks() ?? []) t.stop();
  },
};
