import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import {
  MeetingError,
  type ConnectionStats,
  type FileTransferInfo,
  type MeetingEngine,
  type MeetingEngineFactory,
  type SignalingServer,
} from '../meeting/engine';
import { FILE_MEMORY_LIMIT, formatMiB } from '../meeting/FileTransfer';
import { MeetingCode, MeetingCodeError, type MeetingLink } from '../meeting/MeetingCode';
import { shareLink as buildShareLink, type SharePage } from '../meeting/shareLink';
import type { Participant } from '../meeting/RosterModel';
import { INITIAL_STATE, type ChatMessage, type ParticipantState } from '../meeting/types';
import { buildTiles, featured, type Tile } from './tiles';
import { useUiStore } from './ui';

export type { Tile } from './tiles';
export type { FileTransferInfo, FileTransferState } from '../meeting/engine';

export type MeetingPhase = 'idle' | 'joining' | 'joined' | 'left';
export type Layout = 'grid' | 'speaker';

/**
 * A chat line ready to render (text stays untrusted: interpolate only). `relayed`: received from
 * another participant's history, not (yet) confirmed by its sender.
 */
export interface ChatLine extends ChatMessage {
  senderName: string;
  isSelf: boolean;
}

const STATS_HISTORY = 60;
let engineFactory: MeetingEngineFactory | undefined;

/** Wires the engine implementation (done at startup by main.ts; tests may inject their own). */
export function provideMeetingEngine(factory: MeetingEngineFactory | undefined): void {
  engineFactory = factory;
}

/**
 * The meeting as the UI shows it: tiles (us, everyone, screen shares), our own controls state,
 * chat with unread count, per-participant stats history, layout and pin. Fed by a MeetingEngine;
 * without one wired (no network yet) a meeting holds only ourselves.
 */
export const useMeetingStore = defineStore('meeting', () => {
  const ui = useUiStore();
  const phase = ref<MeetingPhase>('idle');
  const code = ref('');
  const displayName = ref('');
  const selfId = ref('me');
  const local = ref<ParticipantState>({ ...INITIAL_STATE });
  const localStream = shallowRef<MediaStream | null>(null);
  const screenStream = shallowRef<MediaStream | null>(null);
  const participants = ref<Participant[]>([]);
  const remoteStreams = shallowRef(new Map<string, MediaStream>());
  const stats = ref<Record<string, ConnectionStats[]>>({});
  const activeSpeakerId = ref<string | undefined>(undefined);
  const pinnedKey = ref<string | null>(null);
  const layout = ref<Layout>('grid');
  const chat = ref<ChatLine[]>([]);
  const unreadChat = ref(0);
  const error = ref<string | null>(null);
  /** File transfers of this meeting, in and out, newest last. */
  const files = ref<FileTransferInfo[]>([]);
  /** Object URLs of received files, by transfer id (revoked on leave). */
  const fileUrls = ref<Record<string, string>>({});
  const canSendFiles = ref(false);
  /** The signaling server the meeting is on (once joined; null: unknown). */
  const server = shallowRef<SignalingServer | null>(null);
  let engine: MeetingEngine | undefined;
  let unsubscribe: (() => void)[] = [];
  let pushToTalkActive = false;

  const tiles = computed<Tile[]>(() =>
    buildTiles({
      self: {
        id: selfId.value,
        name: displayName.value,
        state: local.value,
        camera: localStream.value,
        screen: screenStream.value,
      },
      participants: participants.value,
      streams: remoteStreams.value,
      stats: stats.value,
      activeSpeakerId: activeSpeakerId.value,
    }),
  );
  const featuredTile = computed(() => featured(tiles.value, pinnedKey.value));

  const participantCount = computed(() => participants.value.length + 1);
  const raisedHands = computed(() => participants.value.filter((p) => p.state.handRaised).length);

  /**
   * Reads a typed code or pasted link: the formatted code (and the server the link names), or a
   * message saying what is wrong.
   */
  function checkCode(input: string): MeetingLink | { error: string } {
    try {
      return MeetingCode.parseLink(input);
    } catch (e) {
      if (e instanceof MeetingCodeError) return { error: e.message };
      throw e;
    }
  }

  /** A fresh meeting code. */
  function newCode(): string {
    return MeetingCode.generate();
  }

  /** The code of a meeting discovered on the LAN (derived from its advert, same for everyone). */
  function codeForLanMeeting(advertId: string, name: string): string {
    return MeetingCode.isValid(name) ? MeetingCode.parse(name) : MeetingCode.fromSeed(advertId);
  }

  /** Joins (or creates) a meeting by code with the preview stream. Throws on a bad code. */
  async function join(request: {
    code: string;
    displayName: string;
    create: boolean;
    stream: MediaStream | null;
    iceServers?: RTCIceServer[];
    server?: SignalingServer;
    /** `server` and `iceServers` come from the server's config (the engine need not read it). */
    serverConfigKnown?: boolean;
  }): Promise<void> {
    if (phase.value === 'joining' || phase.value === 'joined') return;
    const parsed = MeetingCode.parse(request.code);
    code.value = parsed;
    displayName.value = request.displayName.trim();
    localStream.value = request.stream ? markRaw(request.stream) : null;
    local.value = {
      ...INITIAL_STATE,
      muted: !request.stream?.getAudioTracks().some((t) => t.enabled),
      cameraOff: !request.stream?.getVideoTracks().some((t) => t.enabled),
    };
    error.value = null;
    phase.value = 'joining';
    ui.navigate({ view: 'meeting', code: parsed });
    if (!engineFactory) {
      phase.value = 'joined';
      return;
    }
    try {
      engine = engineFactory({
        code: parsed,
        displayName: displayName.value,
        create: request.create,
        localStream: localStream.value,
        state: local.value,
        iceServers: request.iceServers ?? [],
        ...(request.server ? { server: request.server } : {}),
        ...(request.serverConfigKnown ? { serverConfigKnown: true } : {}),
      });
      selfId.value = engine.selfId;
      canSendFiles.value = typeof engine.sendFile === 'function';
      attach(engine);
      await engine.join();
      server.value = engine.server ?? request.server ?? null;
      phase.value = 'joined';
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      error.value = message;
      ui.toast(message, 'error');
      leave();
      throw e instanceof MeetingError ? e : new MeetingError('unknown', message, { cause: e });
    }
  }

  function attach(e: MeetingEngine): void {
    const refreshRoster = (): void => {
      participants.value = e.participants().map((p) => ({ ...p, state: { ...p.state } }));
    };
    unsubscribe = [
      e.on('participant-joined', (p) => {
        refreshRoster();
        if (phase.value === 'joined') ui.toast(`${p.name || 'Someone'} joined`);
      }),
      e.on('participant-updated', refreshRoster),
      e.on('participant-left', (p, reason) => {
        refreshRoster();
        const next = new Map(remoteStreams.value);
        next.delete(`${p.id}:camera`);
        next.delete(`${p.id}:screen`);
        remoteStreams.value = next;
        ui.toast(`${p.name || 'Someone'} ${reason === 'dropped' ? 'lost connection' : 'left'}`);
      }),
      e.on('media-added', (id, kind, stream) => {
        remoteStreams.value = new Map(remoteStreams.value).set(`${id}:${kind}`, markRaw(stream));
      }),
      e.on('media-removed', (id, kind) => {
        const next = new Map(remoteStreams.value);
        next.delete(`${id}:${kind}`);
        remoteStreams.value = next;
      }),
      e.on('chat', addChat),
      e.on('chat-updated', (m) => {
        chat.value = chat.value.map((c) => {
          if (c.id !== m.id) return c;
          const line: ChatLine = { ...c, text: m.text, sentAt: m.sentAt };
          delete line.relayed;
          return line;
        });
      }),
      e.on('stats', (s) => {
        const history = [...(stats.value[s.participantId] ?? []), s].slice(-STATS_HISTORY);
        stats.value = { ...stats.value, [s.participantId]: history };
      }),
      e.on('active-speaker', (id) => {
        activeSpeakerId.value = id;
      }),
      e.on('file-offered', (t) => {
        upsertFile(t);
        if (t.state === 'offered' && ui.panel !== 'chat') {
          const from = participants.value.find((p) => p.id === t.peerId)?.name ?? 'Someone';
          ui.toast(`${from} wants to send you a file. Open the chat to accept or decline it.`);
        }
      }),
      e.on('file-started', upsertFile),
      e.on('file-progress', upsertFile),
      e.on('file-ended', upsertFile),
      e.on('file-received', (t, blob) => {
        fileUrls.value = { ...fileUrls.value, [t.id]: URL.createObjectURL(blob) };
        upsertFile(t);
      }),
      e.on('error', (err, fatal) => {
        ui.toast(err.message, 'error');
        if (fatal) leave();
      }),
      e.on('ended', () => {
        if (phase.value !== 'left') leave();
      }),
    ];
  }

  function upsertFile(t: FileTransferInfo): void {
    const i = files.value.findIndex((f) => f.id === t.id);
    files.value = i < 0 ? [...files.value, t] : files.value.map((f, j) => (j === i ? t : f));
  }

  /** Offers a file to everyone in the meeting (each receiver accepts or declines it). */
  function sendFile(file: File): void {
    if (file.size > FILE_MEMORY_LIMIT) {
      ui.toast(
        `${file.name} is too large to send: files up to ${formatMiB(FILE_MEMORY_LIMIT)} can be sent.`,
        'warning',
      );
      return;
    }
    const sent = engine?.sendFile?.(file, file.name) ?? [];
    if (sent.length === 0) ui.toast('Nobody to send the file to yet.', 'warning');
  }

  /** Stops a transfer (ours or incoming). */
  function cancelFile(transferId: string): void {
    engine?.cancelFile?.(transferId);
  }

  /** Accepts a file offered to us: only now is it transferred. */
  function acceptFile(transferId: string): void {
    engine?.acceptFile?.(transferId);
  }

  /** Declines a file offered to us; the sender is told. */
  function declineFile(transferId: string): void {
    engine?.declineFile?.(transferId);
  }

  function addChat(m: ChatMessage): void {
    if (chat.value.some((c) => c.id === m.id)) return;
    const isSelf = m.senderId === selfId.value;
    const sender = participants.value.find((p) => p.id === m.senderId);
    chat.value = [
      ...chat.value,
      { ...m, isSelf, senderName: isSelf ? 'You' : (sender?.name ?? 'Guest') },
    ];
    if (!isSelf && ui.panel !== 'chat') unreadChat.value += 1;
  }

  function setLocal(patch: Partial<ParticipantState>): void {
    local.value = { ...local.value, ...patch };
    engine?.setState(patch);
  }

  function toggleMute(): void {
    const muted = !local.value.muted;
    for (const t of localStream.value?.getAudioTracks() ?? []) t.enabled = !muted;
    setLocal({ muted });
  }

  function toggleCamera(): void {
    const cameraOff = !local.value.cameraOff;
    for (const t of localStream.value?.getVideoTracks() ?? []) t.enabled = !cameraOff;
    setLocal({ cameraOff });
  }

  /**
   * Sends `track` instead of our camera (video) or microphone (audio) track, keeping the mute and
   * camera-off state; the old track is stopped. Used when another device is chosen mid-call.
   */
  function replaceLocalTrack(track: MediaStreamTrack): void {
    const current = localStream.value;
    if (!current || (phase.value !== 'joining' && phase.value !== 'joined')) {
      track.stop();
      return;
    }
    const old = current.getTracks().filter((t) => t.kind === track.kind);
    track.enabled = track.kind === 'audio' ? !local.value.muted : !local.value.cameraOff;
    const next = new MediaStream([
      ...current.getTracks().filter((t) => t.kind !== track.kind),
      track,
    ]);
    localStream.value = markRaw(next);
    engine?.setLocalStream(next);
    for (const t of old) t.stop();
  }

  function toggleHand(): void {
    setLocal({ handRaised: !local.value.handRaised });
  }

  /** Push-to-talk: while held, a muted microphone is open. */
  function pushToTalk(down: boolean): void {
    if (down && local.value.muted && !pushToTalkActive) {
      pushToTalkActive = true;
      toggleMute();
    } else if (!down && pushToTalkActive) {
      pushToTalkActive = false;
      if (!local.value.muted) toggleMute();
    }
  }

  async function toggleScreenShare(): Promise<void> {
    if (screenStream.value) {
      stopScreenShare();
      return;
    }
    try {
      const s = await navigator.mediaDevices.getDisplayMedia({
        video: { frameRate: 15 },
        audio: false,
      });
      const track = s.getVideoTracks()[0];
      track?.addEventListener('ended', stopScreenShare, { once: true });
      screenStream.value = markRaw(s);
      engine?.setScreenStream(s);
      setLocal({ screenSharing: true });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'NotAllowedError') return; // picker cancelled
      ui.toast(`Screen sharing failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  }

  function stopScreenShare(): void {
    for (const t of screenStream.value?.getTracks() ?? []) t.stop();
    screenStream.value = null;
    engine?.setScreenStream(null);
    setLocal({ screenSharing: false });
  }

  function sendChat(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    if (engine) {
      engine.sendChat(trimmed);
    } else {
      const seq = chat.value.filter((c) => c.isSelf).length + 1;
      addChat({
        id: `${selfId.value}:${seq}`,
        senderId: selfId.value,
        seq,
        sentAt: Date.now(),
        text: trimmed,
      });
    }
  }

  function markChatRead(): void {
    unreadChat.value = 0;
  }

  function pin(key: string | null): void {
    pinnedKey.value = pinnedKey.value === key ? null : key;
    if (pinnedKey.value) layout.value = 'speaker';
  }

  function setLayout(next: Layout): void {
    layout.value = next;
  }

  /**
   * The link that brings others into this meeting: the page's own link in a browser tab on the
   * meeting's server, else `parley://join/<code>?host=..` naming the server at a LAN address.
   */
  function shareLink(context: { lanAddresses: readonly string[]; page?: SharePage }): string {
    return buildShareLink(code.value, server.value ?? undefined, context);
  }

  /** Leaves the meeting and releases camera, microphone and screen. */
  function leave(): void {
    for (const off of unsubscribe) off();
    unsubscribe = [];
    for (const url of Object.values(fileUrls.value)) URL.revokeObjectURL(url);
    fileUrls.value = {};
    files.value = [];
    canSendFiles.value = false;
    server.value = null;
    engine?.leave();
    engine = undefined;
    if (screenStream.value) stopScreenShare();
    for (const t of localStream.value?.getTracks() ?? []) t.stop();
    localStream.value = null;
    participants.value = [];
    remoteStreams.value = new Map();
    stats.value = {};
    chat.value = [];
    unreadChat.value = 0;
    pinnedKey.value = null;
    activeSpeakerId.value = undefined;
    phase.value = 'left';
    ui.panel = null;
    ui.navigate({ view: 'lobby' });
  }

  return {
    phase,
    code,
    displayName,
    selfId,
    local,
    localStream,
    screenStream,
    participants,
    stats,
    activeSpeakerId,
    pinnedKey,
    layout,
    chat,
    unreadChat,
    error,
    files,
    fileUrls,
    canSendFiles,
    server,
    shareLink,
    sendFile,
    cancelFile,
    acceptFile,
    declineFile,
    tiles,
    featuredTile,
    participantCount,
    raisedHands,
    checkCode,
    newCode,
    codeForLanMeeting,
    join,
    leave,
    toggleMute,
    toggleCamera,
    toggleHand,
    replaceLocalTrack,
    toggleScreenShare,
    pushToTalk,
    sendChat,
    markChatRead,
    pin,
    setLayout,
  };
});
