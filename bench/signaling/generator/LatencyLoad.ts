import type { RawData } from 'ws';
import type { LatencyArg, LatencyResult } from '../types';
import { parseRelayedOffer } from './frames';
import { frameBytes, frameText, MIN_RELAYED_FRAME_BYTES, waitUntil, type Pair } from './Pair';

/** How long to wait after the run for frames still in flight, ms. */
const DRAIN_TIMEOUT_MS = 5_000;

/**
 * Latency load: frames at a steady `ratePerSec`, round-robin over the pairs, each stamped with
 * its send time. Sender and receiver live in this process, so one clock (`performance.now()`)
 * times both ends.
 */
export class LatencyLoad {
  constructor(private readonly pairs: readonly Pair[]) {}

  async run(arg: LatencyArg): Promise<LatencyResult> {
    const cpuStart = process.cpuUsage();
    const expected = Math.ceil((arg.ratePerSec * arg.durationMs) / 1000);
    const latencies = new Float64Array(expected);
    let received = 0;
    let badFrames = 0;
    const detach: (() => void)[] = [];

    for (const pair of this.pairs) {
      pair.reset();
      const onMessage = (data: RawData): void => {
        const now = performance.now();
        if (frameBytes(data) < MIN_RELAYED_FRAME_BYTES) return;
        const frame = parseRelayedOffer(frameText(data));
        const seq = pair.received++;
        if (!frame || frame.src !== pair.sender.id || frame.seq !== seq) {
          badFrames++;
          return;
        }
        if (received < latencies.length) latencies[received] = now - frame.t;
        received++;
      };
      pair.receiverSocket.on('message', onMessage);
      detach.push(() => pair.receiverSocket.off('message', onMessage));
    }

    const started = performance.now();
    let sent = 0;
    let sendSpanMs = 0;
    // How late each 1-ms pacing timer fired: this process's own scheduling delay, the floor
    // under any latency it measures (on a busy machine it alone can exceed the target).
    const lateness = new Float64Array(Math.ceil(arg.durationMs) + 1000);
    let ticks = 0;
    let armedAt = started;
    await new Promise<void>((resolve) => {
      const tick = (): void => {
        const firedAt = performance.now();
        if (ticks < lateness.length) lateness[ticks++] = Math.max(0, firedAt - armedAt - 1);
        const elapsed = firedAt - started;
        const due = Math.min(expected, Math.floor((elapsed * arg.ratePerSec) / 1000));
        while (sent < due) {
          const pair = this.pairs[sent % this.pairs.length]!;
          pair.senderSocket.send(pair.frame(pair.sent++, performance.now()));
          sent++;
        }
        if (sent >= expected) {
          sendSpanMs = performance.now() - started;
          resolve();
        } else {
          armedAt = performance.now();
          setTimeout(tick, 1);
        }
      };
      tick();
    });
    await waitUntil(() => received + badFrames >= sent, DRAIN_TIMEOUT_MS);
    const elapsedMs = performance.now() - started;
    for (const off of detach) off();

    const cpu = process.cpuUsage(cpuStart);
    return {
      sent,
      received,
      badFrames,
      latenciesMs: latencies.slice(0, Math.min(received, latencies.length)),
      timerLatenessMs: lateness.slice(1, ticks),
      sendSpanMs,
      elapsedMs,
      generatorCpuUs: cpu.user + cpu.system,
    };
  }
}
