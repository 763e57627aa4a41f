import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Emitter } from '../meeting/Emitter';
import type { MeetingEngine, MeetingEngineEvents, MeetingJoinRequest } from '../meeting/engine';
import type { Participant } from '../meeting/RosterModel';
import { INITIAL_STATE, type ChatMessage } from '../meeting/types';
import { chatNotification, joinNotification, useCallNotificationsStore } from './callNotifications';
import { provideAppHost } from './hostPort';
import { provideMeetingEngine, useMeetingStore } from './meeting';
import { useSettingsStore } from './settings';
import { FakeHost } from './testing';

/** The network's part: participants and chat arrive when the test says so. */
class ScriptedEngine extends Emitter<MeetingEngineEvents> implements MeetingEngine {
  readonly selfId = 'me';
  readonly roster = new Map<string, Participant>();
  joining: (() => void) | undefined;
  constructor(readonly request: MeetingJoinRequest) {
    super();
  }
  get code(): string {
    return this.request.code;
  }
  participants = (): Participant[] => [...this.roster.values()];
  chatHistory = (): ChatMessage[] => [];
  join(): Promise<void> {
    return new Promise((resolve) => {
      this.joining = resolve;
    });
  }
  leave(): void {}
  setState(): void {}
  setLocalStream(): void {}
  setScreenStream(): void {}
  sendChat(text: string): ChatMessage {
    const m = { id: 'me:1', senderId: 'me', seq: 1, sentAt: 1, text };
    this.emit('chat', m);
    return m;
  }
  add(id: string, name: string): void {
    const p = { id, name, state: { ...INITIAL_STATE }, joinedAt: 1, status: 'connected' as const };
    this.roster.set(id, { ...p, seenAt: 1 });
    this.emit('participant-joined', { ...p, seenAt: 1 });
  }
  say(senderId: string, seq: number, text: string): void {
    this.emit('chat', { id: `${senderId}:${seq}`, senderId, seq, sentAt: 1, text });
  }
}

describe('call notification texts', () => {
  it('names the sender and keeps within the contract limits', () => {
    expect(chatNotification({ senderName: 'Bob', text: ' hi\n\nthere ' })).toEqual({
      kind: 'chat',
      title: 'Bob',
      body: 'hi there',
    });
    const long = chatNotification({ senderName: 'x'.repeat(300), text: 'y'.repeat(900) });
    expect([long.title.length, long.body.length]).toEqual([128, 512]);
    expect(long.body.endsWith('…')).toBe(true);
    expect(chatNotification({ senderName: ' ', text: '' }).title).toBe('New message');
    expect(joinNotification('Ada', 'abc-defg-hjk')).toEqual({
      kind: 'join',
      title: 'Ada joined',
      body: 'Meeting abc-defg-hjk',
    });
    expect(joinNotification('', 'c').title).toBe('Someone joined');
    expect(joinNotification('z'.repeat(200), 'c').title.length).toBeLessThanOrEqual(128);
  });
});

describe('call notifications store', () => {
  let host: FakeHost;
  let engine: ScriptedEngine | undefined;

  beforeEach(() => {
    setActivePinia(createPinia());
    history.replaceState(null, '', '#/');
    host = new FakeHost();
    provideAppHost(host);
    provideMeetingEngine((request) => (engine = new ScriptedEngine(request)));
  });
  afterEach(() => {
    provideMeetingEngine(undefined);
    engine = undefined;
  });

  async function joinMeeting(): Promise<ScriptedEngine> {
    const joined = useMeetingStore().join({
      code: 'abc-defg-hjk',
      displayName: 'Me',
      create: false,
      stream: null,
    });
    const e = engine!;
    // The roster that is there when we arrive is not news.
    e.add('ada', 'Ada');
    e.say('ada', 1, 'sent before we were in');
    e.joining?.();
    await joined;
    return e;
  }

  it('notifies chat from others and joins, once the meeting is joined', async () => {
    useCallNotificationsStore().start();
    useCallNotificationsStore().start();
    const e = await joinMeeting();
    expect(host.notified).toEqual([]);

    e.add('bob', 'Bob');
    e.say('bob', 1, 'hello');
    e.say('bob', 1, 'hello'); // a duplicate is not news either
    useMeetingStore().sendChat('my own line');
    e.emit('participant-updated', e.roster.get('bob')!);
    expect(host.notified).toEqual([
      { kind: 'join', title: 'Bob joined', body: 'Meeting abc-defg-hjk' },
      { kind: 'chat', title: 'Bob', body: 'hello' },
    ]);

    useMeetingStore().leave();
    e.say('bob', 2, 'after we left');
    expect(host.notified).toHaveLength(2);
  });

  it('asks nothing of a host without notifications', async () => {
    host.capabilities = { screenPicker: true, notifications: false };
    useCallNotificationsStore().start();
    const e = await joinMeeting();
    e.add('bob', 'Bob');
    e.say('bob', 1, 'hello');
    expect(host.notified).toEqual([]);
  });

  it('follows the notification settings, a change applying at once', async () => {
    const settings = useSettingsStore();
    await settings.load();
    useCallNotificationsStore().start();
    const e = await joinMeeting();

    await settings.patch({ notifications: { chat: false } });
    e.add('bob', 'Bob');
    e.say('bob', 1, 'not shown');
    expect(host.notified.map((n) => n.kind)).toEqual(['join']);

    // Changed elsewhere (another window): joins off, chat on again.
    host.changeSettings({ notifications: { chat: true, joins: false } });
    e.add('cy', 'Cy');
    e.say('bob', 2, 'shown');
    expect(host.notified).toEqual([
      { kind: 'join', title: 'Bob joined', body: 'Meeting abc-defg-hjk' },
      { kind: 'chat', title: 'Bob', body: 'shown' },
    ]);

    host.changeSettings({ notifications: { chat: false, joins: false } });
    e.add('dee', 'Dee');
    e.say('cy', 1, 'quiet');
    expect(host.notified).toHaveLength(2);
  });

  it('stops following the meeting on dispose', async () => {
    const store = useCallNotificationsStore();
    store.start();
    const e = await joinMeeting();
    store.dispose();
    e.say('ada', 2, 'quiet now');
    expect(host.notified).toEqual([]);
  });
});
