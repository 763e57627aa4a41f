/**
 * The meeting engine on the real network: a full mesh of PeerLinks (control channel + camera call
 * + screen calls per participant) over our PeerJS-compatible client. Members are found on the
 * signaling server by id prefix (MemberLookup) and the roster spreads by gossip; liveness pings
 * detect drops; chat goes through ChatRelay. Which server (pickServer: the request's or the app's
 * own, or whichever LAN server has the meeting) is settled first; registering, the member list
 * and the server's config then go at once (register.ts); the network side (MeetingNetwork: mesh,
 * files, per-second stats) is built after. No Vue.
 */
import type { Peer } from '../peer';
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
import { Gossip } from './Gossip';
import { LivenessMonitor } from './LivenessMonitor';
import { LocalMedia } from './LocalMedia';
import { MeetingIds } from './MeetingIds';
import { MeetingNetwork } from './MeetingNetwork';
import { pickServer } from './MeetingServers';
import type { MemberLookup } from './MemberLookup';
import type { ControlMessage } from './protocol';
import type { Participant } from './RosterModel';
import { register } from './register';
import { RosterModel } from './RosterModel';
import type { ChatMessage, ParticipantState } from './types';

export interface MeetingOptions {
  /** The signaling server (the request's, or the app's own); none: join() fails saying so. */
  server?: SignalingServer;
  /**
   * Other servers to look for the meeting on when joining by code (those found on the LAN):
   * asked in parallel with `server`, the one with members is used. Ignored when creating.
   */
  search?: readonly SignalingServer[];
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
  readonly #roster: RosterModel;
  readonly #gossip: Gossip;
  readonly #chat: ChatRelay;
  readonly #liveness: LivenessMonitor;
  readonly #media: LocalMedia;
  readonly #joinedAt = Date.now();
  #state: ParticipantState;
  #peer: Peer | undefined;
  #net: MeetingNetwork | undefined;
  #server: SignalingServer | undefined;
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
        this.#net?.mesh.broadcast(m);
      },
    );
    this.#chat = new ChatRelay(this.selfId, {
      send: (id, m) => this.#send(id, m),
      onMessage: (m) => {
        this.emit('chat', m);
      },
      onUpdate: (m) => {
        this.emit('chat-updated', m);
      },
      isConnected: (id) => this.#net?.mesh.isOpen(id) ?? false,
    });
    this.#liveness = new LivenessMonitor({
      sendPing: (id, ping) => this.#send(id, ping),
      ...(options.liveness ?? {}),
    });
    this.#liveness.on('dropped', (id) => {
      this.#net?.gone(id, 'dropped');
    });
  }

  readonly participants = (): Participant[] => this.#roster.list();
  readonly chatHistory = (): readonly ChatMessage[] => this.#chat.log.messages();
  /** File transfers, in and out. */
  readonly fileTransfers = (): FileTransferInfo[] => this.#net?.files.list() ?? [];

  /** The server the meeting is on (once join() chose it). */
  get server(): SignalingServer | undefined {
    return this.#server;
  }

  async join(): Promise<void> {
    if (this.#phase !== 'new') throw new MeetingError('unknown', 'join() was already called');
    this.#phase = 'joining';
    try {
      if (this.#codeError) throw this.#codeError;
      const { fetch: f, log } = this.#o;
      const picked = await pickServer({
        code: this.code,
        prefix: this.#prefix,
        create: this.#request.create,
        server: this.#o.server,
        search: this.#o.search ?? [],
        ...(f ? { fetch: f } : {}),
      });
      this.#server = picked;
      const joined = await register({
        id: this.selfId,
        prefix: this.#prefix,
        server: picked,
        iceServers: this.#request.iceServers,
        configKnown: this.#request.serverConfigKnown === true,
        fetch: f,
        log,
      });
      const { peer, server, lookup } = joined;
      this.#server = server;
      if (this.#left()) {
        peer.destroy();
        return;
      }
      this.#usePeer(peer, lookup);
      const members = await joined.members;
      if (members.length === 0 && !this.#request.create) {
        throw new MeetingError(
          'meeting-not-found',
          `No meeting ${this.code} is running on ${this.#where()}. Check the code, or start a new meeting.`,
        );
      }
      this.#net?.ticker.start();
      for (const id of members) this.#net?.mesh.dial(id);
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
    this.#net?.mesh.broadcast({ type: 'bye' });
    this.#teardown(true);
    this.emit('ended');
    this.removeAllListeners();
  }

  setState(patch: Partial<ParticipantState>): void {
    const next = { ...this.#state, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.#state)) return;
    this.#state = next;
    this.#net?.mesh.broadcast({ type: 'state', state: { ...next } });
  }

  setLocalStream(stream: MediaStream | null): void {
    this.#media.camera = stream;
    for (const link of this.#net?.mesh.all() ?? []) link.syncCamera();
  }

  setScreenStream(stream: MediaStream | null): void {
    this.#media.screen = stream;
    for (const link of this.#net?.mesh.all() ?? []) link.syncScreen();
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
    const net = this.#net;
    if (!net) return [];
    const { files } = net;
    const fileId = MeetingIds.randomSuffix();
    return net.mesh
      .openLinks()
      .map((l) => files.send(l.remoteId, fileId, file, name))
      .filter((t): t is FileTransferInfo => t !== undefined);
  }

  /** Stops a file transfer (ours or incoming). */
  cancelFile(transferId: string): void {
    this.#net?.files.cancel(transferId);
  }

  /** Accepts a file offered to us; false when refused (no room in memory: declined, saying why). */
  acceptFile(transferId: string): boolean {
    return this.#net?.files.acceptOffer(transferId) ?? false;
  }

  /** Declines a file offered to us. */
  declineFile(transferId: string): void {
    this.#net?.files.declineOffer(transferId);
  }

  #usePeer(peer: Peer, lookup: MemberLookup): void {
    this.#peer = peer;
    this.#net = new MeetingNetwork({
      peer,
      selfId: this.selfId,
      prefix: this.#prefix,
      media: this.#media,
      lookup,
      roster: this.#roster,
      gossip: this.#gossip,
      chat: this.#chat,
      liveness: this.#liveness,
      lookupIntervalMs: this.#o.lookupIntervalMs ?? 10_000,
      emit: (event, ...args) => {
        this.emit(event, ...args);
      },
      setState: (patch) => {
        this.setState(patch);
      },
      left: () => this.#left(),
      log: this.#o.log,
    });
  }

  #send(id: string, message: ControlMessage): boolean {
    return this.#net?.send(id, message) ?? false;
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
    return this.#server ? `${this.#server.host}:${this.#server.port}` : 'no server';
  }

  /** Releases everything: timers, links, transfers, placeholders, the Peer. */
  #teardown(flush: boolean): void {
    this.#gossip.dispose();
    this.#liveness.stop();
    this.#net?.close(flush);
    this.#net = undefined;
    this.#media.dispose();
    this.#peer?.destroy();
    this.#peer = undefined;
  }
}
