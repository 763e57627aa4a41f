/**
 * The set of PeerLinks of a meeting over one Peer: routes incoming control channels, file
 * channels and calls from members to their link (anyone else is refused), dials participants
 * learned by gossip (the lower id first, the other after a grace period, so both rarely dial),
 * and lists members on the server again to heal splits and re-dial after a server restart.
 */
import type { DataConnection, MediaConnection, Peer } from '../peer';
import { Emitter } from './Emitter';
import type { MediaKind } from './engine';
import type { LocalMedia } from './LocalMedia';
import { MeetingIds } from './MeetingIds';
import type { MemberLookup } from './MemberLookup';
import { CONTROL_LABEL, PeerLink } from './PeerLink';
import type { ControlMessage } from './protocol';

/** Gossip-learned participants: the lower id dials first, the other after a grace period. */
const DIAL_DELAY_MS = { lower: 1500, higher: 6000 } as const;

export interface MeshEvents {
  /** A control channel to a participant opened. */
  open: (link: PeerLink) => void;
  /** A valid control message arrived from a participant. */
  message: (id: string, message: ControlMessage) => void;
  'media-added': (id: string, kind: MediaKind, stream: MediaStream) => void;
  'media-removed': (id: string, kind: MediaKind) => void;
}

export interface MeshOptions {
  peer: Peer;
  selfId: string;
  /** The id prefix of the meeting's members. */
  prefix: string;
  media: LocalMedia;
  lookup: MemberLookup;
  /** Takes an incoming non-control DataConnection (file transfers); false = refuse it. */
  acceptData: (conn: DataConnection) => boolean;
  /** Whether a gossip-learned participant is still worth dialing. */
  stillWanted: (id: string) => boolean;
  log?: ((message: string, detail?: unknown) => void) | undefined;
}

export class Mesh extends Emitter<MeshEvents> {
  readonly #o: MeshOptions;
  readonly #links = new Map<string, PeerLink>();
  readonly #dialTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #closed = false;

  constructor(options: MeshOptions) {
    super();
    this.#o = options;
    options.peer.on('connection', (conn) => {
      this.#onConnection(conn);
    });
    options.peer.on('call', (call) => {
      this.#onCall(call);
    });
  }

  /** Links with an open control channel. */
  openLinks(): PeerLink[] {
    return [...this.#links.values()].filter((l) => l.controlOpen);
  }

  all(): PeerLink[] {
    return [...this.#links.values()];
  }

  isOpen(id: string): boolean {
    return this.#links.get(id)?.controlOpen === true;
  }

  /** Dials a participant now (no-op when a channel is open or opening). */
  dial(id: string): void {
    if (!this.#closed) this.#link(id).dial();
  }

  /** Dials participants learned by gossip unless they connect to us first. */
  dialLater(ids: readonly string[]): void {
    for (const id of ids) {
      if (!MeetingIds.isMember(id, this.#o.prefix) || this.#dialTimers.has(id)) continue;
      const delay = this.#o.selfId < id ? DIAL_DELAY_MS.lower : DIAL_DELAY_MS.higher;
      const timer = setTimeout(() => {
        this.#dialTimers.delete(id);
        if (!this.isOpen(id) && this.#o.stillWanted(id)) this.dial(id);
      }, delay);
      this.#dialTimers.set(id, timer);
    }
  }

  /** Lists members on the server again and dials those we have no channel with. */
  async relist(): Promise<void> {
    if (this.#closed || !this.#o.peer.open) return;
    try {
      const ids = await this.#o.lookup.members(this.#o.prefix, this.#o.selfId);
      for (const id of ids) if (!this.isOpen(id)) this.dial(id);
    } catch (error) {
      this.#o.log?.('member lookup failed', error);
    }
  }

  send(id: string, message: ControlMessage): boolean {
    return this.#links.get(id)?.send(message) ?? false;
  }

  broadcast(message: ControlMessage): void {
    for (const link of this.#links.values()) link.send(message);
  }

  /** Closes and forgets the link to a participant who left or dropped. */
  drop(id: string): void {
    clearTimeout(this.#dialTimers.get(id));
    this.#dialTimers.delete(id);
    this.#links.get(id)?.close();
    this.#links.delete(id);
  }

  /** Closes every link; `flush` lets queued control data (a bye) out first. */
  close(flush: boolean): void {
    this.#closed = true;
    for (const timer of this.#dialTimers.values()) clearTimeout(timer);
    this.#dialTimers.clear();
    for (const link of this.#links.values()) link.close(flush);
    this.#links.clear();
    this.removeAllListeners();
  }

  #member(id: string): boolean {
    return !this.#closed && MeetingIds.isMember(id, this.#o.prefix) && id !== this.#o.selfId;
  }

  #onConnection(conn: DataConnection): void {
    if (!this.#member(conn.peer)) conn.close({ flush: false });
    else if (conn.label === CONTROL_LABEL) this.#link(conn.peer).acceptControl(conn);
    else if (!this.#o.acceptData(conn)) conn.close({ flush: false });
  }

  #onCall(call: MediaConnection): void {
    if (this.#member(call.peer)) this.#link(call.peer).acceptCall(call);
    else call.close();
  }

  #link(id: string): PeerLink {
    const existing = this.#links.get(id);
    if (existing) return existing;
    const link = new PeerLink(id, this.#o.selfId, this.#o.peer, this.#o.media);
    this.#links.set(id, link);
    link.on('control-open', () => {
      this.emit('open', link);
    });
    link.on('message', (m) => {
      this.emit('message', id, m);
    });
    link.on('media', (kind, stream) => {
      this.emit('media-added', id, kind, stream);
    });
    link.on('media-ended', (kind) => {
      this.emit('media-removed', id, kind);
    });
    link.on('problem', (error) => {
      this.#o.log?.(`link ${id}: ${error.message}`, error);
    });
    return link;
  }
}
