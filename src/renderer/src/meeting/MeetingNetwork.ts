/**
 * The network side of a joined Meeting, built once our Peer is registered: the Mesh of
 * PeerLinks, file transfers and the per-second MeshTicker, wired to the meeting's roster, gossip,
 * chat and liveness. Routes every control message; `gone()` forgets a participant everywhere.
 */
import type { Peer } from '../peer';
import { ActiveSpeakerDetector } from './ActiveSpeakerDetector';
import type { ChatRelay } from './ChatRelay';
import { MeetingError, type MeetingEngineEvents } from './engine';
import { FileTransfer } from './FileTransfer';
import type { Gossip } from './Gossip';
import { LivenessMonitor } from './LivenessMonitor';
import type { LocalMedia } from './LocalMedia';
import type { MemberLookup } from './MemberLookup';
import { Mesh } from './Mesh';
import { MeshTicker } from './MeshTicker';
import type { ControlMessage } from './protocol';
import type { RosterModel } from './RosterModel';
import type { ParticipantState } from './types';

type Emit = <E extends keyof MeetingEngineEvents>(
  event: E,
  ...args: Parameters<MeetingEngineEvents[E]>
) => void;

/** What the network needs from its Meeting. */
export interface MeetingNetworkContext {
  peer: Peer;
  selfId: string;
  prefix: string;
  media: LocalMedia;
  lookup: MemberLookup;
  roster: RosterModel;
  gossip: Gossip;
  chat: ChatRelay;
  liveness: LivenessMonitor;
  lookupIntervalMs: number;
  emit: Emit;
  setState: (patch: Partial<ParticipantState>) => void;
  /** True once the meeting was left (nothing is dialed any more, no errors reported). */
  left: () => boolean;
  log?: ((message: string, detail?: unknown) => void) | undefined;
}

export class MeetingNetwork {
  readonly mesh: Mesh;
  readonly files: FileTransfer;
  readonly ticker: MeshTicker;
  readonly #c: MeetingNetworkContext;

  constructor(c: MeetingNetworkContext) {
    this.#c = c;
    const { peer, emit } = c;
    const pipe =
      <E extends keyof MeetingEngineEvents>(event: E) =>
      (...args: Parameters<MeetingEngineEvents[E]>): void => {
        emit(event, ...args);
      };
    const files = new FileTransfer({ peer, send: (id, m) => this.send(id, m) });
    const mesh = new Mesh({
      peer,
      selfId: c.selfId,
      prefix: c.prefix,
      media: c.media,
      lookup: c.lookup,
      acceptData: (conn) => files.accept(conn),
      stillWanted: (id) => !c.left() && c.roster.has(id),
      log: c.log,
    });
    mesh.on('open', (link) => {
      c.liveness.track(link.remoteId);
      link.send(c.gossip.hello());
      c.chat.connected(link.remoteId);
      link.ensureCameraCall();
      link.syncScreen();
    });
    mesh.on('message', (id, m) => {
      c.liveness.heard(id);
      this.#onMessage(id, m);
    });
    mesh.on('media-added', pipe('media-added'));
    mesh.on('media-removed', pipe('media-removed'));
    files.on('offered', pipe('file-offered'));
    files.on('started', pipe('file-started'));
    files.on('progress', pipe('file-progress'));
    files.on('received', pipe('file-received'));
    files.on('ended', pipe('file-ended'));
    this.mesh = mesh;
    this.files = files;
    this.ticker = new MeshTicker({
      selfId: c.selfId,
      links: () => mesh.openLinks(),
      speaker: new ActiveSpeakerDetector(),
      onStats: pipe('stats'),
      onActiveSpeaker: pipe('active-speaker'),
      onSpeaking: (speaking) => {
        c.setState({ speaking });
      },
      onSecond: (now) => {
        c.chat.resend(now);
        for (const id of c.gossip.stale(now, (p) => mesh.isOpen(p))) this.gone(id, 'dropped');
      },
      onLookup: () => {
        void mesh.relist();
      },
      lookupIntervalMs: c.lookupIntervalMs,
    });
    c.liveness.start();
    peer.on('open', () => {
      void mesh.relist(); // Back on the server after it restarted: find whoever is there now.
    });
    peer.on('disconnected', () => {
      if (c.left()) return;
      emit(
        'error',
        new MeetingError(
          'server-unreachable',
          'Lost the meeting server; the meeting goes on and reconnects when it is back.',
        ),
        false,
      );
    });
    peer.on('error', (error) => {
      c.log?.(`peer: ${error.type}`, error);
    });
  }

  send(id: string, message: ControlMessage): boolean {
    return this.mesh.send(id, message);
  }

  /** A participant left or dropped: forgotten by every part. */
  gone(id: string, reason: 'left' | 'dropped'): void {
    const c = this.#c;
    c.liveness.untrack(id);
    this.mesh.drop(id);
    c.chat.forget(id);
    this.files.forget(id);
    this.ticker.forget(id);
    c.roster.remove(id, reason, Date.now());
  }

  /** Closes links and transfers and stops the ticker (the Peer is the Meeting's to destroy). */
  close(flush: boolean): void {
    this.ticker.stop();
    this.files.dispose();
    this.mesh.close(flush);
  }

  #onMessage(id: string, m: ControlMessage): void {
    const c = this.#c;
    const now = Date.now();
    switch (m.type) {
      case 'hello':
        this.mesh.dialLater(c.gossip.onHello(id, m, now));
        return;
      case 'roster':
        this.mesh.dialLater(c.gossip.onRoster(m, now));
        return;
      case 'state':
        c.roster.updateState(id, m.state);
        return;
      case 'ping':
        this.send(id, LivenessMonitor.pongFor(m));
        return;
      case 'pong':
        c.liveness.pong(id, m);
        return;
      case 'bye':
        this.gone(id, 'left');
        return;
      default:
        if (!c.chat.handle(id, m)) this.files.handle(id, m);
    }
  }
}
