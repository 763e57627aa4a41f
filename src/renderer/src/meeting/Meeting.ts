/**
 * The meeting engine on the real network: a full mesh of PeerLinks (control channel + camera call
 * + screen calls per participant) over our PeerJS-compatible client. Members are found on the
 * signaling server by id prefix (MemberLookup) and the roster spreads by gossip; liveness pings
 * detect drops; chat goes through ChatRelay; stats, active speaker and sending quality are
 * measured every second (MeshTicker). No Vue.
 */
import type { Peer } from '../peer';
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
import { Gossip } from './Gossip';
import { LivenessMonitor } from './LivenessMonitor';
import { LocalMedia } from './LocalMedia';
import { MeetingIds } from './MeetingIds';
import { MemberLookup } from './MemberLookup';
import { Mesh } from './Mesh';
import { MeshTicker } from './MeshTicker';
import { openPeer } from './openPeer';
import type { ControlMessage } from './protocol';
import type { Participant } from './RosterModel';
import { RosterModel } from './RosterModel';
import type { ChatMessage, ParticipantState } from './types';

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

export class Meeting extends Emitter<MeetingEngineEvents> implements MeetingEngine {
  readonly selfId: string;
  readonly code: string;
  readonly #request: MeetingJoinRequest;
  readonly #o: MeetingOptions;
  readonly #codeError: MeetingError | undefined;
  readonly #prefix: string;
  readonly #lookup: MemberLookup | undefined;
  readonly #roster: RosterModel;
  readonly #gossip: Gossip;
  readonly #chat: ChatRelay;
  readonly #liveness: LivenessMonitor;
  readonly #media: LocalMedia;
  readonly #joinedAt = Date.now();
  #state: ParticipantState;
  #peer: Peer | undefined;
  #mesh: Mesh | undefined;
  #files: FileTransfer | undefined;
  #ticker: MeshTicker | undefined;
  #phase: 'new' | 'joining' | 'joined' | 'left' = 'new';

  constructor(request: MeetingJoinRequest, options: MeetingOptions) {
    super();
    this.#request = request;
    this.#o = options;
    const parsed = MeetingIds.parseCode(request.code);
    this.code = parsed.code;
    this.#codeError =
      parsed.error &&
      new MeetingError('invalid-code', parsed.error.message, { cause: parsed.error });
    this.#prefix = parsed.error ? 'parley-invalid-' : MeetingIds.prefix(parsed.code);
    this.selfId = `${this.#prefix}${MeetingIds.randomSuffix()}`;
    this.#state = { ...request.state };
    this.#lookup =
      options.server &&
      new MemberLookup(options.server, options.fetch ? { fetch: options.fetch } : {});
    this.#media = new LocalMedia(request.localStream);
    this.#roster = new RosterModel(this.selfId);
    this.#roster.on('joined', this.#pipe('participant-joined'));
    this.#roster.on('updated', this.#pipe('participant-updated'));
    this.#roster.on('left', this.#pipe('participant-left'));
    this.#gossip = new Gossip(
      this.#roster,
      () => ({
        id: this.selfId,
        name: request.displayName,
        state: { ...this.#state },
        joinedAt: this.#joinedAt,
      }),
      (m) => {
        this.#mesh?.broadcast(m);
      },
    );
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
        iceServers: this.#request.iceServers,
      });
      if (this.#left()) {
        peer.destroy();
        return;
      }
      this.#usePeer(peer, lookup);
      const members = await lookup.members(this.#prefix, this.selfId);
      if (members.length === 0 && !this.#request.create) {
        throw new MeetingError(
          'meeting-not-found',
          `No meeting ${this.code} is running on ${this.#where()}. Check the code, or start a new meeting.`,
        );
      }
      this.#ticker?.start();
      for (const id of members) this.#mesh?.dial(id);
      if (
        members.length > 0 &&
        !(await this.#gossip.firstHello(this.#o.joinTimeoutMs ?? 15_000)) &&
        !this.#request.create
      ) {
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
    this.#mesh?.broadcast({ type: 'bye' });
    this.#teardown(true);
    this.emit('ended');
    this.removeAllListeners();
  }

  setState(patch: Partial<ParticipantState>): void {
    const next = { ...this.#state, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.#state)) return;
    this.#state = next;
    this.#mesh?.broadcast({ type: 'state', state: { ...next } });
  }

  setLocalStream(stream: MediaStream | null): void {
    this.#media.camera = stream;
    for (const link of this.#mesh?.all() ?? []) link.syncCamera();
  }

  setScreenStream(stream: MediaStream | null): void {
    this.#media.screen = stream;
    for (const link of this.#mesh?.all() ?? []) link.syncScreen();
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
    return (this.#mesh?.openLinks() ?? [])
      .map((l) => files.send(l.remoteId, fileId, file, name))
      .filter((t): t is FileTransferInfo => t !== undefined);
  }

  /** Stops a file transfer (ours or incoming). */
  cancelFile(transferId: string): void {
    this.#files?.cancel(transferId);
  }

  #usePeer(peer: Peer, lookup: MemberLookup): void {
    this.#peer = peer;
    const files = new FileTransfer({ peer, send: (id, m) => this.#send(id, m) });
    const mesh = new Mesh({
      peer,
      selfId: this.selfId,
      prefix: this.#prefix,
      media: this.#media,
      lookup,
      acceptData: (conn) => files.accept(conn),
      stillWanted: (id) => !this.#left() && this.#roster.has(id),
      log: this.#o.log,
    });
    mesh.on('open', (link) => {
      this.#liveness.track(link.remoteId);
      link.send(this.#gossip.hello());
      this.#chat.connected(link.remoteId);
      link.ensureCameraCall();
      link.syncScreen();
    });
    mesh.on('message', (id, m) => {
      this.#liveness.heard(id);
      this.#onMessage(id, m);
    });
    mesh.on('media-added', this.#pipe('media-added'));
    mesh.on('media-removed', this.#pipe('media-removed'));
    this.#mesh = mesh;
    files.on('started', this.#pipe('file-started'));
    files.on('progress', this.#pipe('file-progress'));
    files.on('received', this.#pipe('file-received'));
    files.on('ended', this.#pipe('file-ended'));
    this.#files = files;
    this.#ticker = new MeshTicker({
      selfId: this.selfId,
      links: () => mesh.openLinks(),
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
        for (const id of this.#gossip.stale(now, (p) => mesh.isOpen(p))) this.#gone(id, 'dropped');
      },
      onLookup: () => {
        void mesh.relist();
      },
      lookupIntervalMs: this.#o.lookupIntervalMs ?? 10_000,
    });
    this.#liveness.start();
    peer.on('open', () => {
      void mesh.relist(); // Back on the server after it restarted: find whoever is there now.
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

  #onMessage(id: string, m: ControlMessage): void {
    const now = Date.now();
    switch (m.type) {
      case 'hello':
        this.#mesh?.dialLater(this.#gossip.onHello(id, m, now));
        return;
      case 'roster':
        this.#mesh?.dialLater(this.#gossip.onRoster(m, now));
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

  #gone(id: string, reason: 'left' | 'dropped'): void {
    this.#liveness.untrack(id);
    this.#mesh?.drop(id);
    this.#chat.forget(id);
    this.#files?.forget(id);
    this.#ticker?.forget(id);
    this.#roster.remove(id, reason, Date.now());
  }

  #send(id: string, message: ControlMessage): boolean {
    return this.#mesh?.send(id, message) ?? false;
  }

  /** A listener that re-emits its arguments as our `event`. */
  #pipe<E extends keyof MeetingEngineEvents>(
    event: E,
  ): (...args: Parameters<MeetingEngineEvents[E]>) => void {
    return (...args) => {
      this.emit(event, ...args);
    };
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
    this.#gossip.dispose();
    this.#ticker?.stop();
    this.#liveness.stop();
    this.#files?.dispose();
    this.#mesh?.close(flush);
    this.#mesh = undefined;
    this.#media.dispose();
    this.#peer?.destroy();
    this.#peer = undefined;
  }
}
