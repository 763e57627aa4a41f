import { describe, expect, it } from 'vitest';
import { accumulate, emptySnapshot } from './statsReport';

/** A report shaped like Chromium's getStats() output (the fields we read). */
function report(entries: Record<string, unknown>[]): RTCStatsReport {
  return new Map(entries.map((e) => [e.id as string, e]));
}

describe('accumulate', () => {
  const camera = report([
    { id: 'T', type: 'transport', selectedCandidatePairId: 'CP' },
    {
      id: 'CP',
      type: 'candidate-pair',
      currentRoundTripTime: 0.012,
      availableOutgoingBitrate: 2e6,
    },
    {
      id: 'IV',
      type: 'inbound-rtp',
      kind: 'video',
      bytesReceived: 1000,
      packetsReceived: 10,
      packetsLost: 1,
      framesDecoded: 50,
      framesPerSecond: 30,
      frameWidth: 640,
      frameHeight: 480,
    },
    {
      id: 'IA',
      type: 'inbound-rtp',
      kind: 'audio',
      bytesReceived: 200,
      packetsReceived: 5,
      packetsLost: 0,
      audioLevel: 0.2,
    },
    {
      id: 'OV',
      type: 'outbound-rtp',
      kind: 'video',
      bytesSent: 3000,
      qualityLimitationReason: 'cpu',
    },
    { id: 'MS', type: 'media-source', kind: 'audio', audioLevel: 0.4 },
  ]);

  it('reads counters, RTT, video, levels and limitation from the camera call', () => {
    const s = emptySnapshot();
    accumulate(s, camera, true);
    expect(s).toEqual({
      bytesIn: 1200,
      bytesOut: 3000,
      packetsIn: 15,
      packetsLost: 1,
      rttMs: 12,
      fps: 30,
      width: 640,
      height: 480,
      remoteAudioLevel: 0.2,
      localAudioLevel: 0.4,
      availableOutgoingBitrate: 2e6,
      limitation: 'cpu',
    });
  });

  it('adds screen-call bytes without overriding the camera call', () => {
    const s = emptySnapshot();
    accumulate(s, camera, true);
    accumulate(
      s,
      report([
        {
          id: 'IV2',
          type: 'inbound-rtp',
          kind: 'video',
          bytesReceived: 500,
          packetsReceived: 4,
          framesDecoded: 9,
          framesPerSecond: 5,
          frameWidth: 1920,
        },
        {
          id: 'CP2',
          type: 'candidate-pair',
          nominated: true,
          state: 'succeeded',
          currentRoundTripTime: 0.5,
        },
      ]),
      false,
    );
    expect(s).toMatchObject({ bytesIn: 1700, packetsIn: 19, fps: 30, width: 640, rttMs: 12 });
  });

  it('falls back to the screen call when the camera decodes nothing', () => {
    const s = emptySnapshot();
    accumulate(
      s,
      report([
        {
          id: 'IV',
          type: 'inbound-rtp',
          kind: 'video',
          framesDecoded: 7,
          framesPerSecond: 5,
          frameWidth: 1280,
          frameHeight: 720,
        },
      ]),
      false,
    );
    expect(s).toMatchObject({ fps: 5, width: 1280, height: 720 });
  });
});
