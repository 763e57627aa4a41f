import { describe, expect, it } from 'vitest';
import { LivenessMonitor } from './LivenessMonitor';
import type { PingMessage } from './protocol';
import { ManualClock } from './testing';

function setup() {
  const clock = new ManualClock();
  const pings: [string, PingMessage][] = [];
  const monitor = new LivenessMonitor({
    clock,
    intervalMs: 1000,
    timeoutMs: 4000,
    sendPing: (id, ping) => pings.push([id, ping]),
  });
  const dropped: [string, number][] = [];
  monitor.on('dropped', (id, silent) => dropped.push([id, silent]));
  monitor.start();
  return { clock, pings, monitor, dropped };
}

describe('LivenessMonitor', () => {
  it('pings tracked peers every interval', () => {
    const { clock, pings, monitor } = setup();
    monitor.track('a');
    monitor.track('b');
    clock.advance(2000);
    expect(pings.map(([id]) => id)).toEqual(['a', 'b', 'a', 'b']);
    expect(new Set(pings.map(([, p]) => p.nonce)).size).toBe(4);
  });

  it('detects a silent drop within the timeout and reports it once', () => {
    const { clock, monitor, dropped } = setup();
    monitor.track('a');
    monitor.track('b');
    for (let i = 0; i < 6; i += 1) {
      clock.advance(1000);
      monitor.heard('b');
    }
    expect(dropped).toEqual([['a', 4000]]);
    expect(monitor.isTracked('a')).toBe(false);
    expect(monitor.isTracked('b')).toBe(true);
  });

  it('measures round-trip time from pongs', () => {
    const { clock, pings, monitor } = setup();
    const rtts: number[] = [];
    monitor.on('rtt', (_id, rtt) => rtts.push(rtt));
    monitor.track('a');
    clock.advance(1000);
    const ping = pings[0]![1];
    clock.advance(35);
    monitor.pong('a', LivenessMonitor.pongFor(ping));
    expect(rtts).toEqual([35]);
    expect(monitor.rtt('a')).toBe(35);
  });

  it('does not report peers that left on purpose, and stop() silences it', () => {
    const { clock, monitor, dropped, pings } = setup();
    monitor.track('a');
    monitor.untrack('a');
    monitor.track('b');
    monitor.stop();
    clock.advance(10_000);
    expect(dropped).toEqual([]);
    expect(pings).toEqual([]);
  });

  it('survives a send that throws (closed channel) and still reports the drop', () => {
    const clock = new ManualClock();
    const monitor = new LivenessMonitor({
      clock,
      timeoutMs: 3000,
      sendPing: () => {
        throw new Error('closed');
      },
    });
    const dropped: string[] = [];
    monitor.on('dropped', (id) => dropped.push(id));
    monitor.start();
    monitor.track('a');
    clock.advance(3000);
    expect(dropped).toEqual(['a']);
  });

  it('rejects nonsensical timings', () => {
    expect(
      () => new LivenessMonitor({ sendPing: () => undefined, intervalMs: 5000, timeoutMs: 1000 }),
    ).toThrow(RangeError);
  });
});
