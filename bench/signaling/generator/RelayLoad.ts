import type { RawData } from 'ws';
import type { RelayArg, RelayResult } from '../types';
import { parseRelayedOffer } from './frames';
import { frameBytes, frameText, MIN_RELAYED_FRAME_BYTES, waitUntil, type Pair } from './Pair';

/** How long to wait after the run for frames still in flight, ms. */
const DRAIN_TIMEOUT_MS = 15_000;

/**
 * Throughput load: every sender keeps up to `window` OFFER frames in flight to its partner
 * (sent, not yet received) for `durationMs`, so the load runs as fast as the slowest part of
 * the path allows without piling up in the server's buffers.
 */
export class RelayLoad {
  constructor(private readonly pairs: readonly Pair[]) {}

  async run(arg: RelayArg): Promise<RelayResult> {
    const cpuStart = process.cpuUsage();
    let running = true;
    let checked = 0;
    let badFrames = 0;
    let lastReceivedAt = 0;
    const detach: (() => void)[] = [];

    const pump = (pair: Pair): void => {
      while (running && pair.sent - pair.received < arg.window) {
        pair.senderSocket.send(pair.frame(pair.sent++, 0));
      }
    };

    for (const pair of this.pairs) {
      pair.reset();
      const onMessage = (data: RawData): void => {
        if (frameBytes(data) < MIN_RELAYED_FRAME_BYTES) return;
        const seq = pair.received++;
        lastReceivedAt = performance.now();
        if (seq % arg.checkEvery === 0) {
          checked++;
          const frame = parseRelayedOffer(frameText(data));
          if (
            !frame ||
            frame.src !== pair.sender.id ||
            frame.dst !== pair.receiver.id ||
            frame.seq !== seq
          ) {
            badFrames++;
          }
        }
        pump(pair);
      };
      pair.receiverSocket.on('message', onMessage);
      detach.push(() => pair.receiverSocket.off('message', onMessage));
    }

    const started = performance.now();
    for (const pair of this.pairs) pump(pair);
    await new Promise((resolve) => setTimeout(resolve, arg.durationMs));
    running = false;
    await waitUntil(() => this.pairs.every((p) => p.received >= p.sent), DRAIN_TIMEOUT_MS);
    for (const off of detach) off();

    const cpu = process.cpuUsage(cpuStart);
    return {
      sent: this.pairs.reduce((n, p) => n + p.sent, 0),
      received: this.pairs.reduce((n, p) => n + p.received, 0),
      checked,
      badFrames,
      elapsedMs: Math.max(lastReceivedAt, started) - started,
      generatorCpuUs: cpu.user + cpu.system,
    };
  }
}
