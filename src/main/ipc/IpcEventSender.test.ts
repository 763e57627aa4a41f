import { describe, expect, it } from 'vitest';
import { IpcEventSender, type EventTarget } from './IpcEventSender';

class Contents implements EventTarget {
  readonly sent: [string, unknown][] = [];
  constructor(private readonly destroyed = false) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
}

describe('IpcEventSender', () => {
  it('sends a typed event to every live window and skips destroyed ones', () => {
    const live = new Contents();
    const gone = new Contents(true);
    const sender = new IpcEventSender(() => [live, gone]);
    expect(sender.send('call:command', 'toggle-mute')).toBe(1);
    expect(sender.send('app:deep-link', { code: 'abc-defg-hjk' })).toBe(1);
    expect(live.sent).toEqual([
      ['call:command', 'toggle-mute'],
      ['app:deep-link', { code: 'abc-defg-hjk' }],
    ]);
    expect(gone.sent).toEqual([]);
  });
});
