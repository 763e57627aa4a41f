/**
 * The meeting engine on the real network: a full mesh of PeerLinks (control channel + camera call
 * + screen calls per participant) over our PeerJS-compatible client. Members are found on the
 * signaling server by id prefix (MemberLookup) and the roster spreads by gossip; liveness pings
 * detect drops; chat goes through ChatRelay; stats, active speaker and sending quality are
 * measured every second (MeshTicker). No Vue.
 */
import type { DataConnection, MediaConnection, Peer } from '../peer';
import { ActiveSpeakerDetector } from './ActiveSpeakerDetector';
import { ChatRelay } from './ChatRelay';
import { Emitter } from './Emitter';
import {
  MeetingError,
  type MeetingEngine,
  type MeetingEngineEvents,
  type MeetingJoinRequest,
  type SignalingServer,
} from './engine';
import type { FileTransferInfo } from './fileTypes';
import { FileTransfer } from './FileTransfer';
import { LivenessMonitor } from './LivenessMonitor';
import { LocalMedia } from './LocalMedia';
import { MeetingCode, MeetingCodeError } from './MeetingCode';
import { MeetingIds } from './MeetingIds';
import { MemberLookup } from './MemberLookup';
import { MeshTicker } from './MeshTicker';
import { openPeer } from './openPeer';
import { CONTROL_LABEL, PeerLink } from './PeerLink';
import { LIMITS, PROTOCOL_VERSION, type ControlMessage } from './protocol';
import type { Participant } from './RosterModel';
import { RosterModel } from './RosterModel';
import type { ChatMessage, ParticipantState, PeerInfo } from './types';

export interface MeetingOptions {
  /** The signaling server (the request's, or the app's own); none: join() fails saying so. */
  server?: SignalingServer;
  fetch?: typeof fetch;
  /** How long a joiner waits for a member to answer. Default 15 000 ms. */
  joinTimeoutMs?: number;
  /** Liveness ping period and drop timeout. Defaults 1000 / 5000 ms. */
  liveness?: { intervalMs: number; timeoutMs: number };
  /** How often members are listed again on the server (heals splits). Default 10 000 ms. */
  lookupIntervalMs?: number;
  /** Sink for diagnostics (connection problems that the meeting survives). */
  log?: (message: string, detail?: unknown) => void;
}

/** Gossip-learned participants: the lower id dials first, the other after a grace period. */
const DIAL_DELAY_MS = { lower: 1500, higher: 6000 } as const;
/** A participant only heard of by gossip is forgotten if it never connects within this. */
const KNOWN_TTL_MS = 30_000;

export class Meeting extends Emitter<MeetingEngineEvents> implements MeetingEngine {
  readonly selfId: string;
  readonly code: string;
  readonly #request: MeetingJoinRequest;
  readonly #o: MeetingOptions;
  readonly #codeError: MeetingError | undefined;
  readonly #prefix: string;
  readonly #lookup: MemberLookup | undefined;
  readonly #roster: RosterModel;
  readonly #links = new Map<string, PeerLink>();
  readonly #dialTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #chat: ChatRelay;
  readonly #liveness: LivenessMonitor;
  readonly #media: LocalMedia;
  readonly #joinedAt = Date.now();
  #state: ParticipantState;
  #peer: Peer | undefined;
  #files: FileTransfer | undefined;
  #ticker: MeshTicker | undefined;
  #phase: 'new' | 'joining' | 'joined' | 'left' = 'new';
  #rosterTimer: ReturnType<typeof setTimeout> | undefined;
  #helloWaiters: (() => void)[] = [];

  constructor(request: MeetingJoinRequest, options: MeetingOptions) {
    super();
    this.#request = request;
    this.#o = options;
    let code = request.code;
    let codeError: MeetingError | undefined;
    try {
      code = MeetingCode.parse(request.code);
    } catch (e) {
      if (!(e instanceof MeetingCodeError)) throw e;
      codeError = new MeetingError('invalid-code', e.message, { cause: e });
    }
    this.code = code;
    this.#codeError = codeError;
    this.#prefix = codeError ? 'parley-invalid-' : MeetingIds.prefix(code);
    this.selfId = `${this.#prefix}${MeetingIds.randomSuffix()}`;
    this.#state = { ...request.state };
    this.#lookup =
      options.server &&
      new MemberLookup(options.server, options.fetch ? { fetch: options.fetch } : {});
    this.#media = new LocalMedia(request.localStream);
    this.#roster = new RosterModel(this.selfId);
    this.#roster.on('joined', (p) => {
      this.emit('participant-joined', p);
    });
    this.#roster.on('updated', (p) => {
      this.emit('participant-updated', p);
    });
    this.#roster.on('left', (p, reason) => {
      this.emit('participant-left', p, reason);
    });
    this.#chat = new ChatRelay(this.selfId, {
      send: (id, m) => this.#send(id, m),
      onMessage: (m) => {
        this.emit('chat', m);
      },
    });
    this.#liveness = new LivenessMonitor({
      sendPing: (id, ping) => this.#send(id, ping),
      ...(options.liveness ?? {}),
    });
    this.#liveness.on('dropped', (id) => {
      this.#gone(id, 'dropped');
    });
  }

  readonly participants = (): Participant[] => this.#roster.list();
  readonly chatHistory = (): readonly ChatMessage[] => this.#chat.log.messages();
  /** File transfers, in and out. */
  readonly fileTransfers = (): FileTransferInfo[] => this.#files?.list() ?? [];

  async join(): Promise<void> {
    if (this.#phase !== 'new') throw new MeetingError('unknown', 'join() was already called');
    this.#phase = 'joining';
    try {
      if (this.#codeError) throw this.#codeError;
      const { server } = this.#o;
      const lookup = this.#lookup;
      if (!server || !lookup) {
        throw new MeetingError(
          'server-unreachable',
          'No meeting server: turn hosting on in Settings, or join a meeting found on the LAN.',
        );
      }
      const peer = await openPeer({
        id: this.selfId,
        server,
        iceServers: uniqueIceServers(this.#request.iceServers),
      });
      if (this.#left()) {
        peer.destroy();
        return;
      }
      this.#usePeer(peer);
      const members = await lookup.members(this.#prefix, this.selfId);
      if (members.length === 0 && !this.#request.create) {
        throw new MeetingError(
          'meeting-not-found',
          `No meeting ${this.code} is running on ${this.#where()}. Check the code, or start a new meeting.`,
        );
      }
      this.#ticker?.start();
      for (const id of members) this.#link(id).dial();
      if (members.length > 0 && !(await this.#firstHello()) && !this.#request.create) {
        throw new MeetingError(
          'meeting-not-found',
          `Nobody in meeting ${this.code} answered. They may have just left; try again.`,
        );
      }
      if (!this.#left()) this.#phase = 'joined';
    } catch (error) {
      this.#teardown(false);
      this.#phase = 'left';
      throw error instanceof MeetingError
        ? error
        : new MeetingError('unknown', error instanceof Error ? error.message : String(error), {
            cause: error,
          });
    }
  }

  leave(): void {
    if (this.#phase === 'left') return;
    this.#phase = 'left';
    for (const link of this.#links.values()) link.send({ type: 'bye' });
    this.#teardown(true);
    this.emit('ended');
    this.removeAllListeners();
  }

  setState(patch: Partial<ParticipantState>): void {
    const next = { ...this.#state, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.#state)) return;
    this.#state = next;
    this.#broadcast({ type: 'state', state: { ...next } });
  }

  setLocalStream(stream: MediaStream | null): void {
    this.#media.camera = stream;
    for (const link of this.#links.values()) link.syncCamera();
  }

  setScreenStream(stream: MediaStream | null): void {
    this.#media.screen = stream;
    for (const link of this.#links.values()) link.syncScreen();
  }

  sendChat(text: string): ChatMessage {
    return this.#chat.compose(
      text,
      Date.now(),
      this.#roster.list().map((p) => p.id),
    );
  }

  /** Sends a file to everyone connected; returns one transfer per participant. */
  sendFile(file: Blob, name: string): FileTransferInfo[] {
    const files = this.#files;
    if (!files) return [];
    const fileId = MeetingIds.randomSuffix();
    return [...this.#links.values()]
      .filter((l) => l.controlOpen)
      .map((l) => files.send(l.remoteId, fileId, file, name))
      .filter((t): t is FileTransferInfo => t !== undefined);
  }

  /** Stops a file transfer (ours or incoming). */
  cancelFile(transferId: string): void {
    this.#files?.cancel(transferId);
  }

  #usePeer(peer: Peer): void {
    this.#peer = peer;
    const files = new FileTransfer({ peer, send: (id, m) => this.#send(id, m) });
    files.on('started', (t) => {
      this.emit('file-started', t);
    });
    files.on('progress', (t) => {
      this.emit('file-progress', t);
    });
    files.on('received', (t, blob) => {
      this.emit('file-received', t, blob);
    });
    files.on('ended', (t) => {
      this.emit('file-ended', t);
    });
    this.#files = files;
    this.#ticker = new MeshTicker({
      selfId: this.selfId,
      links: () => [...this.#links.values()].filter((l) => l.controlOpen),
      speaker: new ActiveSpeakerDetector(),
      onStats: (s) => {
        this.emit('stats', s);
      },
      onActiveSpeaker: (id) => {
        this.emit('active-speaker', id);
      },
      onSpeaking: (speaking) => {
        this.setState({ speaking });
      },
      onSecond: (now) => {
        this.#chat.resend(now);
        this.#expireKnown(now);
      },
      onLookup: () => {
        void this.#relist();
      },
      lookupIntervalMs: this.#o.lookupIntervalMs ?? 10_000,
    });
    this.#liveness.start();
    peer.on('connection', (conn) => {
      this.#onConnection(conn);
    });
    peer.on('call', (call) => {
      this.#onCall(call);
    });
    peer.on('open', () => {
      void this.#relist(); // Back on the server after it restarted: find whoever is there now.
    });
    peer.on('disconnected', () => {
      if (this.#phase === 'left') return;
      this.emit(
        'error',
        new MeetingError(
          'server-unreachable',
          'Lost the meeting server; the meeting goes on and reconnects when it is back.',
        ),
        false,
      );
    });
    peer.on('error', (error) => {
      this.#o.log?.(`peer: ${error.type}`, error);
    });
  }

  #onConnection(conn: DataConnection): void {
    if (!MeetingIds.isMember(conn.peer, this.#prefix) || this.#phase === 'left') {
      conn.close({ flush: false });
      return;
    }
    if (conn.label === CONTROL_LABEL) this.#link(conn.peer).acceptControl(conn);
    else if (!this.#files?.accept(conn)) conn.close({ flush: false });
  }

  #onCall(call: MediaConnection): void {
    if (!MeetingIds.isMember(call.peer, this.#prefix) || this.#phase === 'left') {
      call.close();
      return;
    }
    this.#link(call.peer).acceptCall(call);
  }

  #link(id: string): PeerLink {
    let link = this.#links.get(id);
    if (link) return link;
    const peer = this.#peer;
    if (!peer) throw new MeetingError('unknown', 'not connected to the server');
    link = new PeerLink(id, this.selfId, peer, this.#media);
    this.#links.set(id, link);
    const l = link;
    link.on('control-open', () => {
      this.#liveness.track(id);
      l.send(this.#hello());
      this.#chat.connected(id);
      l.ensureCameraCall();
      l.syncScreen();
    });
    link.on('message', (m) => {
      this.#liveness.heard(id);
      this.#onMessage(id, m);
    });
    link.on('media', (kind, stream) => {
      this.emit('media-added', id, kind, stream);
    });
    link.on('media-ended', (kind) => {
      this.emit('media-removed', id, kind);
    });
    link.on('problem', (error) => this.#o.log?.(`link ${id}: ${error.message}`, error));
    return link;
  }

  #onMessage(id: string, m: ControlMessage): void {
    const now = Date.now();
    switch (m.type) {
      case 'hello': {
        this.#roster.connected({ id, name: m.name, state: m.state, joinedAt: m.joinedAt }, now);
        this.#dialLater(this.#roster.mergeGossip(m.knownPeers, now));
        this.#gossipSoon();
        const waiters = this.#helloWaiters;
        this.#helloWaiters = [];
        for (const resolve of waiters) resolve();
        return;
      }
      case 'roster':
        this.#dialLater(this.#roster.mergeGossip(m.peers, now));
        return;
      case 'state':
        this.#roster.updateState(id, m.state);
        return;
      case 'ping':
        this.#send(id, LivenessMonitor.pongFor(m));
        return;
      case 'pong':
        this.#liveness.pong(id, m);
        return;
      case 'bye':
        this.#gone(id, 'left');
        return;
      default:
        if (!this.#chat.handle(id, m)) this.#files?.handle(id, m);
    }
  }

  #hello(): ControlMessage {
    return {
      type: 'hello',
      version: PROTOCOL_VERSION,
      name: this.#request.displayName.slice(0, LIMITS.nameLength),
      state: { ...this.#state },
      joinedAt: this.#joinedAt,
      knownPeers: this.#gossip(),
    };
  }

  /** Ourselves and everyone connected, for hello and roster messages. */
  #gossip(): PeerInfo[] {
    const self: PeerInfo = {
      id: this.selfId,
      name: this.#request.displayName.slice(0, LIMITS.nameLength),
      state: { ...this.#state },
      joinedAt: this.#joinedAt,
    };
    const connected = new Set(
      this.#roster
        .list()
        .filter((p) => p.status === 'connected')
        .map((p) => p.id),
    );
    return this.#roster
      .snapshot(self)
      .filter((p) => p.id === this.selfId || connected.has(p.id))
      .slice(0, LIMITS.knownPeers);
  }

  #gossipSoon(): void {
    if (this.#rosterTimer !== undefined) return;
    this.#rosterTimer = setTimeout(() => {
      this.#rosterTimer = undefined;
      this.#broadcast({ type: 'roster', peers: this.#gossip() });
    }, 100);
  }

  /** Dials participants learned by gossip unless they connect to us first. */
  #dialLater(ids: readonly string[]): void {
    for (const id of ids) {
      if (!MeetingIds.isMember(id, this.#prefix) || this.#dialTimers.has(id)) continue;
      const delay = this.selfId < id ? DIAL_DELAY_MS.lower : DIAL_DELAY_MS.higher;
      this.#dialTimers.set(
        id,
        setTimeout(() => {
          this.#dialTimers.delete(id);
          if (this.#phase !== 'left' && this.#roster.has(id)) this.#link(id).dial();
        }, delay),
      );
    }
  }

  /** Lists members on the server again and dials those we have no channel with. */
  async #relist(): Promise<void> {
    if (this.#left() || !this.#peer?.open || !this.#lookup) return;
    try {
      const ids = await this.#lookup.members(this.#prefix, this.selfId);
      for (const id of ids) {
        if (!this.#left() && !this.#links.get(id)?.controlOpen) this.#link(id).dial();
      }
    } catch (error) {
      this.#o.log?.('member lookup failed', error);
    }
  }

  /** Forgets participants heard of by gossip that never connected. */
  #expireKnown(now: number): void {
    for (const p of this.#roster.list()) {
      if (
        p.status === 'known' &&
        now - p.seenAt > KNOWN_TTL_MS &&
        !this.#links.get(p.id)?.controlOpen
      ) {
        this.#gone(p.id, 'dropped');
      }
    }
  }

  #gone(id: string, reason: 'left' | 'dropped'): void {
    clearTimeout(this.#dialTimers.get(id));
    this.#dialTimers.delete(id);
    this.#liveness.untrack(id);
    const link = this.#links.get(id);
    this.#links.delete(id);
    link?.close();
    this.#chat.forget(id);
    this.#files?.forget(id);
    this.#ticker?.forget(id);
    this.#roster.remove(id, reason, Date.now());
  }

  #send(id: string, message: ControlMessage): boolean {
    return this.#links.get(id)?.send(message) ?? false;
  }

  #broadcast(message: ControlMessage): void {
    for (const link of this.#links.values()) link.send(message);
  }

  #firstHello(): Promise<boolean> {
    if (this.#roster.list().some((p) => p.status === 'connected')) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve(false);
      }, this.#o.joinTimeoutMs ?? 15_000);
      this.#helloWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** A method, so checks after an await are not narrowed away. */
  #left(): boolean {
    return this.#phase === 'left';
  }

  #where(): string {
    return this.#o.server ? `${this.#o.server.host}:${this.#o.server.port}` : 'no server';
  }

  /** Releases everything: timers, links, transfers, placeholders, the Peer. */
  #teardown(flush: boolean): void {
    clearTimeout(this.#rosterTimer);
    for (const timer of this.#dialTimers.values()) clearTimeout(timer);
    this.#dialTimers.clear();
    this.#helloWaiters = [];
    this.#ticker?.stop();
    this.#liveness.stop();
    this.#files?.dispose();
    for (const link of this.#links.values()) link.close(flush);
    this.#links.clear();
    this.#media.dispose();
    this.#peer?.destroy();
    this.#peer = undefined;
  }
}

function uniqueIceServers(servers: RTCIceServer[]): RTCIceServer[] {
  const seen = new Set<string>();
  return servers.filter((s) => {
    const key = JSON.stringify([s.urls, s.username, s.credential]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
