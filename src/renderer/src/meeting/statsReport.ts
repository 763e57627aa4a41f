/**
 * Reads what the meeting needs out of RTCStatsReports (plain functions, tested with recorded
 * reports): byte and packet counters, round-trip time, decoded video, audio levels and the
 * sender's quality limitation.
 */
import type { LimitationReason } from './QualityPolicy';

/** Counters and gauges of one participant's connections at one moment. */
export interface StatsSnapshot {
  bytesIn: number;
  bytesOut: number;
  packetsIn: number;
  packetsLost: number;
  rttMs: number | undefined;
  fps: number | undefined;
  width: number | undefined;
  height: number | undefined;
  /** Level (0..1) of the remote participant's audio. */
  remoteAudioLevel: number | undefined;
  /** Level (0..1) of our own microphone, as sent. */
  localAudioLevel: number | undefined;
  /** availableOutgoingBitrate of the camera call's transport, bits/s. */
  availableOutgoingBitrate: number | undefined;
  /** outbound video qualityLimitationReason. */
  limitation: LimitationReason | undefined;
}

type Stat = Record<string, unknown> & { type: string; id: string };

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

export function emptySnapshot(): StatsSnapshot {
  return {
    bytesIn: 0,
    bytesOut: 0,
    packetsIn: 0,
    packetsLost: 0,
    rttMs: undefined,
    fps: undefined,
    width: undefined,
    height: undefined,
    remoteAudioLevel: undefined,
    localAudioLevel: undefined,
    availableOutgoingBitrate: undefined,
    limitation: undefined,
  };
}

/**
 * Adds one report into `into`. `primary` marks the camera call: its video, RTT, audio levels and
 * bandwidth estimate win; other reports (screen calls) add bytes and fill what is missing.
 */
export function accumulate(into: StatsSnapshot, report: RTCStatsReport, primary: boolean): void {
  const stats: Stat[] = [];
  report.forEach((s: Stat) => stats.push(s));
  const byId = new Map(stats.map((s) => [s.id, s]));
  let pair: Stat | undefined;
  for (const s of stats) {
    if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') {
      pair = byId.get(s.selectedCandidatePairId);
    }
  }
  pair ??= stats.find(
    (s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded',
  );
  if (pair) {
    const rtt = num(pair.currentRoundTripTime);
    if (rtt !== undefined && (primary || into.rttMs === undefined)) into.rttMs = rtt * 1000;
    const available = num(pair.availableOutgoingBitrate);
    if (available !== undefined && primary) into.availableOutgoingBitrate = available;
  }
  for (const s of stats) {
    if (s.type === 'inbound-rtp') {
      into.bytesIn += num(s.bytesReceived) ?? 0;
      into.packetsIn += num(s.packetsReceived) ?? 0;
      into.packetsLost += Math.max(0, num(s.packetsLost) ?? 0);
      if (s.kind === 'video' && (primary || into.fps === undefined) && num(s.framesDecoded)) {
        into.fps = num(s.framesPerSecond) ?? into.fps;
        into.width = num(s.frameWidth) ?? into.width;
        into.height = num(s.frameHeight) ?? into.height;
      }
      if (s.kind === 'audio' && primary) into.remoteAudioLevel = num(s.audioLevel);
    } else if (s.type === 'outbound-rtp') {
      into.bytesOut += num(s.bytesSent) ?? 0;
      if (s.kind === 'video' && primary && typeof s.qualityLimitationReason === 'string') {
        into.limitation = s.qualityLimitationReason as LimitationReason;
      }
    } else if (s.type === 'media-source' && s.kind === 'audio' && primary) {
      into.localAudioLevel = num(s.audioLevel);
    }
  }
}
