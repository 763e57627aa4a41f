import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Emitter } from '../meeting/Emitter';
import type {
  FileTransferInfo,
  MeetingEngine,
  MeetingEngineEvents,
  MeetingJoinRequest,
} from '../meeting/engine';
import { FILE_MEMORY_LIMIT } from '../meeting/FileTransfer';
import { MeetingCodeError } from '../meeting/MeetingCode';
import type { Participant } from '../meeting/RosterModel';
import { INITIAL_STATE, type ChatMessage, type ParticipantState } from '../meeting/types';
import { provideMeetingEngine, useMeetingStore } from './meeting';
import { useUiStore } from './ui';

/** A scripted engine: the test plays the network's part by emitting engine events. */
class ScriptedEngine extends Emitter<MeetingEngineEvents> implements MeetingEngine {
  readonly selfId = 'me';
  readonly roster = new Map<string, Participant>();
  readonly sent: string[] = [];
  readonly states: Partial<ParticipantState>[] = [];
  left = false;
  constructor(readonly request: MeetingJoinRequest) {
    super();
  }
  get code(): string {
    return this.request.code;
  }
  participants = (): Participant[] => [...this.roster.values()];
  chatHistory = (): ChatMessage[] => [];
  join(): Promise<void> {
    return Promise.resolve();
  }
  leave(): void {
    this.left = true;
  }
  setState(patch: Partial<ParticipantState>): void {
    this.states.push(patch);
  }
  setLocalStream(): void {}
  setScreenStream(): void {}
  readonly fileCalls: string[] = [];
  sendFile(_file: Blob, name: string): FileTransferInfo[] {
    this.fileCalls.push(`send ${name}`);
    return [];
  }
  acceptFile(id: string): boolean {
    this.fileCalls.push(`accept ${id}`);
    return true;
  }
  declineFile(id: string): void {
    this.fileCalls.push(`decline ${id}`);
  }
  sendChat(text: string): ChatMessage {
    const m = {
      id: `me:${this.sent.length + 1}`,
      senderId: 'me',
      seq: this.sent.length + 1,
      sentAt: 1,
      text,
    };
    this.sent.push(text);
    this.emit('chat', m);
    return m;
  }
  /** Someone joins. */
  add(id: string, name: string): Participant {
    const p: Participant = {
      id,
      name,
      state: { ...INITIAL_STATE },
      joinedAt: 1,
      status: 'connected',
      seenAt: 1,
    };
    this.roster.set(id, p);
    this.emit('participant-joined', p);
    return p;
  }
}

let engine: ScriptedEngine | undefined;

describe('meeting store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    history.replaceState(null, '', '#/');
    provideMeetingEngine((request) => (engine = new ScriptedEngine(request)));
  });
  afterEach(() => {
    provideMeetingEngine(undefined);
    engine = undefined;
  });

  const join = (code = 'ABC DEFG HJK') =>
    useMeetingStore().join({ code, displayName: ' Ada ', create: false, stream: null });

  it('rejects a bad code before touching the network', async () => {
    await expect(join('abc-12')).rejects.toBeInstanceOf(MeetingCodeError);
    expect(useMeetingStore().phase).toBe('idle');
    expect(engine).toBeUndefined();
  });

  it('joins with a normalized code and shows the meeting', async () => {
    await join();
    const meeting = useMeetingStore();
    expect(meeting.phase).toBe('joined');
    expect(meeting.code).toBe('abc-defg-hjk');
    expect(engine?.request).toMatchObject({
      code: 'abc-defg-hjk',
      displayName: 'Ada',
      create: false,
    });
    expect(useUiStore().route).toEqual({ view: 'meeting', code: 'abc-defg-hjk' });
    expect(location.hash).toBe('#/meeting/abc-defg-hjk');
    expect(meeting.tiles.map((t) => t.name)).toEqual(['Ada']);
  });

  it('shows participants, their screen shares and state, and toasts joins and drops', async () => {
    await join();
    const meeting = useMeetingStore();
    const ui = useUiStore();
    const bob = engine!.add('bob', 'Bob');
    expect(ui.toasts.at(-1)?.text).toBe('Bob joined');
    expect(meeting.tiles.map((t) => t.key)).toEqual(['me:camera', 'bob:camera']);

    bob.state = { ...bob.state, handRaised: true };
    engine!.emit('participant-updated', bob);
    expect(meeting.raisedHands).toBe(1);

    const screen = new MediaStream();
    engine!.emit('media-added', 'bob', 'screen', screen);
    expect(meeting.tiles.map((t) => t.key)).toEqual(['me:camera', 'bob:camera', 'bob:screen']);
    expect(meeting.featuredTile?.key).toBe('bob:screen');
    meeting.pin('bob:camera');
    expect(meeting.layout).toBe('speaker');
    expect(meeting.featuredTile?.key).toBe('bob:camera');

    engine!.roster.delete('bob');
    engine!.emit('participant-left', bob, 'dropped');
    expect(meeting.tiles.map((t) => t.key)).toEqual(['me:camera']);
    expect(ui.toasts.at(-1)?.text).toBe('Bob lost connection');
  });

  it('counts unread chat only while the chat panel is closed, once per message', async () => {
    await join();
    const meeting = useMeetingStore();
    const ui = useUiStore();
    engine!.add('bob', 'Bob');
    const m = { id: 'bob:1', senderId: 'bob', seq: 1, sentAt: 5, text: '<b>hi</b>' };
    engine!.emit('chat', m);
    engine!.emit('chat', m);
    expect(meeting.unreadChat).toBe(1);
    expect(meeting.chat.map((c) => [c.senderName, c.text])).toEqual([['Bob', '<b>hi</b>']]);
    ui.togglePanel('chat');
    meeting.markChatRead();
    engine!.emit('chat', { ...m, id: 'bob:2', seq: 2 });
    expect(meeting.unreadChat).toBe(0);
    meeting.sendChat('  hello  ');
    meeting.sendChat('   ');
    expect(engine!.sent).toEqual(['hello']);
    expect(meeting.chat.at(-1)).toMatchObject({ isSelf: true, senderName: 'You', text: 'hello' });
  });

  it("marks relayed chat lines and replaces them with their sender's copy", async () => {
    await join();
    const meeting = useMeetingStore();
    engine!.add('bob', 'Bob');
    const m = { id: 'bob:1', senderId: 'bob', seq: 1, sentAt: 5, text: 'forged' };
    engine!.emit('chat', { ...m, relayed: true });
    expect(meeting.chat[0]).toMatchObject({ text: 'forged', relayed: true });
    engine!.emit('chat-updated', { ...m, text: 'real' });
    expect(meeting.chat).toHaveLength(1);
    expect(meeting.chat[0]).toMatchObject({ text: 'real', senderName: 'Bob' });
    expect(meeting.chat[0]?.relayed).toBeUndefined();
  });

  it('tells the engine about mute, hand and push-to-talk', async () => {
    await join();
    const meeting = useMeetingStore();
    expect(meeting.local.muted).toBe(true); // no stream, nothing to send
    meeting.pushToTalk(true);
    expect(meeting.local.muted).toBe(false);
    meeting.pushToTalk(true);
    meeting.pushToTalk(false);
    expect(meeting.local.muted).toBe(true);
    meeting.toggleHand();
    expect(engine!.states).toEqual([{ muted: false }, { muted: true }, { handRaised: true }]);
  });

  it('leaves: engine closed, state cleared, back to the lobby', async () => {
    await join();
    const meeting = useMeetingStore();
    engine!.add('bob', 'Bob');
    meeting.leave();
    expect(engine!.left).toBe(true);
    expect(meeting.phase).toBe('left');
    expect(meeting.participants).toEqual([]);
    expect(useUiStore().view).toBe('lobby');
  });

  it('shows file offers for the user to accept or decline, and refuses files too large to send', async () => {
    await join();
    const meeting = useMeetingStore();
    const ui = useUiStore();
    engine!.add('bob', 'Bob');
    const offer: FileTransferInfo = {
      id: 'bob/f1',
      fileId: 'f1',
      peerId: 'bob',
      direction: 'in',
      name: 'plan.pdf',
      size: 2048,
      mime: 'application/pdf',
      bytes: 0,
      state: 'offered',
    };
    engine!.emit('file-offered', offer);
    expect(meeting.files).toEqual([offer]);
    expect(ui.toasts.at(-1)?.text).toBe(
      'Bob wants to send you a file. Open the chat to accept or decline it.',
    );
    meeting.acceptFile('bob/f1');
    meeting.declineFile('bob/f2');
    expect(engine!.fileCalls).toEqual(['accept bob/f1', 'decline bob/f2']);
    engine!.emit('file-started', { ...offer, state: 'active' });
    expect(meeting.files).toEqual([{ ...offer, state: 'active' }]);

    const huge = new File([], 'huge.iso');
    Object.defineProperty(huge, 'size', { value: FILE_MEMORY_LIMIT + 1 });
    meeting.sendFile(huge);
    expect(engine!.fileCalls).toHaveLength(2);
    expect(ui.toasts.at(-1)?.text).toBe(
      'huge.iso is too large to send: files up to 512 MiB can be sent.',
    );
  });

  it('holds a meeting of one when no engine is wired', async () => {
    provideMeetingEngine(undefined);
    await join();
    const meeting = useMeetingStore();
    meeting.sendChat('note to self');
    expect(meeting.chat.map((c) => c.id)).toEqual(['me:1']);
  });
});
