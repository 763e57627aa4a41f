/**
 * Every second, per participant: reads getStats() of its calls, turns counters into rates
 * (ConnectionStats), and adapts what we send with QualityPolicy (RTCRtpSender.setParameters on
 * the camera and screen video senders) to the mesh size, the measured bandwidth and the
 * encoder's limitation. Also hands out audio levels for active-speaker detection.
 */
import type { ConnectionStats } from './engine';
import { QualityPolicy, type QualityDecision, type VideoSource } from './QualityPolicy';
import { accumulate, emptySnapshot, type StatsSnapshot } from './statsReport';

/** What the collector reads for one participant. */
export interface StatsSource {
  readonly participantId: string;
  readonly cameraPc: RTCPeerConnection | null;
  readonly screenOutPc: RTCPeerConnection | null;
  readonly screenInPc: RTCPeerConnection | null;
}

export interface CollectedStats {
  stats: ConnectionStats;
  /** The participant's audio level (0..1), if measured. */
  remoteAudioLevel: number | undefined;
  /** Our microphone level as sent on this connection, if measured. */
  localAudioLevel: number | undefined;
}

interface PeerState {
  last: { at: number; snap: StatsSnapshot } | undefined;
  decisions: Map<VideoSource, QualityDecision>;
}

export class StatsCollector {
  readonly #peers = new Map<string, PeerState>();

  /** Forgets a participant who left. */
  forget(participantId: string): void {
    this.#peers.delete(participantId);
  }

  /** Measures one participant; `remoteCount` is the mesh fan-out for the quality policy. */
  async collect(source: StatsSource, remoteCount: number, now: number): Promise<CollectedStats> {
    let state = this.#peers.get(source.participantId);
    if (!state) {
      state = { last: undefined, decisions: new Map() };
      this.#peers.set(source.participantId, state);
    }
    const snap = emptySnapshot();
    const reports: [RTCPeerConnection | null, boolean][] = [
      [source.cameraPc, true],
      [source.screenOutPc, false],
      [source.screenInPc, false],
    ];
    for (const [pc, primary] of reports) {
      if (!pc || pc.connectionState === 'closed') continue;
      try {
        accumulate(snap, await pc.getStats(), primary);
      } catch {
        // The connection closed while we asked: it counts as nothing this second.
      }
    }
    const last = state.last;
    state.last = { at: now, snap };
    const seconds = last ? Math.max(0.001, (now - last.at) / 1000) : 0;
    const rate = (a: number, b: number): number =>
      seconds > 0 ? Math.max(0, ((a - b) * 8) / seconds) : 0;
    const lost = last ? Math.max(0, snap.packetsLost - last.snap.packetsLost) : 0;
    const received = last ? Math.max(0, snap.packetsIn - last.snap.packetsIn) : 0;
    const sending = await this.#adapt(source, state, snap, remoteCount);
    return {
      stats: {
        participantId: source.participantId,
        at: now,
        bitrateIn: last ? Math.round(rate(snap.bytesIn, last.snap.bytesIn)) : 0,
        bitrateOut: last ? Math.round(rate(snap.bytesOut, last.snap.bytesOut)) : 0,
        packetLoss: lost + received > 0 ? lost / (lost + received) : 0,
        rttMs: snap.rttMs === undefined ? undefined : Math.round(snap.rttMs),
        fps: snap.fps,
        width: snap.width,
        height: snap.height,
        sending,
      },
      remoteAudioLevel: snap.remoteAudioLevel,
      localAudioLevel: snap.localAudioLevel,
    };
  }

  /** Applies the policy to our video senders; returns the camera decision (screen if no camera). */
  async #adapt(
    source: StatsSource,
    state: PeerState,
    snap: StatsSnapshot,
    remoteCount: number,
  ): Promise<QualityDecision | undefined> {
    const targets: [VideoSource, RTCPeerConnection | null][] = [
      ['camera', source.cameraPc],
      ['screen', source.screenOutPc],
    ];
    for (const [kind, pc] of targets) {
      const sender = pc?.getSenders().find((s) => s.track?.kind === 'video');
      if (!sender) continue;
      const previous = state.decisions.get(kind);
      // Each call has its own bandwidth estimate; the policy wants our total upload.
      const available =
        snap.availableOutgoingBitrate === undefined
          ? undefined
          : snap.availableOutgoingBitrate * Math.max(1, remoteCount);
      const decision = QualityPolicy.decide(
        {
          source: kind,
          remoteCount,
          ...(available === undefined ? {} : { availableOutgoingBitrate: available }),
          ...(kind === 'camera' && snap.limitation ? { limitation: snap.limitation } : {}),
        },
        previous,
      );
      state.decisions.set(kind, decision);
      if (previous && sameEncoding(previous, decision)) continue;
      try {
        await sender.setParameters(QualityPolicy.apply(sender.getParameters(), decision));
      } catch {
        // e.g. renegotiating: try again next second
        if (previous) state.decisions.set(kind, previous);
        else state.decisions.delete(kind);
      }
    }
    return state.decisions.get('camera') ?? state.decisions.get('screen');
  }
}

function sameEncoding(a: QualityDecision, b: QualityDecision): boolean {
  return (
    a.maxBitrate === b.maxBitrate &&
    a.scaleResolutionDownBy === b.scaleResolutionDownBy &&
    a.maxFramerate === b.maxFramerate
  );
}
