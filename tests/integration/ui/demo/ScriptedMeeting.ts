/**
 * A scripted MeetingEngine for the meeting-view screenshot: remote participants whose "cameras"
 * are canvases (captureStream) with their name drawn on them, stats every second, an active
 * speaker. It stands in for the network only; the app, stores and view under test are the real ones.
 */
import { Emitter } from '../../../../src/renderer/src/meeting/Emitter';
import type {
  MeetingEngine,
  MeetingEngineEvents,
  MeetingJoinRequest,
} from '../../../../src/renderer/src/meeting/engine';
import { QualityPolicy } from '../../../../src/renderer/src/meeting/QualityPolicy';
import type { Participant } from '../../../../src/renderer/src/meeting/RosterModel';
import {
  INITIAL_STATE,
  type ChatMessage,
  type ParticipantState,
} from '../../../../src/renderer/src/meeting/types';

const PEOPLE: [string, string, Partial<ParticipantState>][] = [
  ['p1', 'Grace Hopper', {}],
  ['p2', 'Alan Turing', { muted: true }],
  ['p3', 'Katherine Johnson', { handRaised: true }],
  ['p4', 'Edsger Dijkstra', { cameraOff: true }],
  ['p5', 'Barbara Liskov', {}],
  ['p6', 'Linus Torvalds', { muted: true }],
  ['p7', 'Margaret Hamilton', { screenSharing: true }],
];
const COLORS = ['#3b6fd8', '#8a4fd8', '#d8743b', '#2f9e6e', '#c2417a', '#4a8fb0', '#9e8a2f'];

function canvasStream(label: string, color: string, screen: boolean): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = screen ? 1280 : 640;
  canvas.height = screen ? 720 : 360;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  let frame = 0;
  const draw = (): void => {
    frame += 1;
    ctx.fillStyle = screen ? '#f4f6fa' : color;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = screen ? '#1b1f29' : 'rgba(255,255,255,0.9)';
    ctx.font = `${screen ? 48 : 36}px sans-serif`;
    ctx.fillText(screen ? `${label}: quarterly plan` : label, 40, canvas.height / 2);
    ctx.fillRect(40 + (frame % 200), canvas.height / 2 + 30, 60, 8);
  };
  draw();
  setInterval(draw, 1000 / 15);
  return canvas.captureStream(15);
}

export class ScriptedMeeting extends Emitter<MeetingEngineEvents> implements MeetingEngine {
  readonly selfId = 'self';
  readonly #roster = new Map<string, Participant>();
  readonly #chat: ChatMessage[] = [];

  constructor(readonly request: MeetingJoinRequest) {
    super();
  }

  get code(): string {
    return this.request.code;
  }

  participants = (): Participant[] => [...this.#roster.values()];
  chatHistory = (): readonly ChatMessage[] => this.#chat;

  join(): Promise<void> {
    PEOPLE.forEach(([id, name, state], i) => {
      const p: Participant = {
        id,
        name,
        state: { ...INITIAL_STATE, ...state },
        joinedAt: i,
        status: 'connected',
        seenAt: i,
      };
      this.#roster.set(id, p);
      this.emit('participant-joined', p);
      this.emit('media-added', id, 'camera', canvasStream(name, COLORS[i] ?? '#444', false));
      if (state.screenSharing) this.emit('media-added', id, 'screen', canvasStream(name, '', true));
    });
    this.emit('active-speaker', 'p1');
    let t = 0;
    setInterval(() => {
      t += 1;
      const sending = QualityPolicy.decide({ source: 'camera', remoteCount: PEOPLE.length });
      PEOPLE.forEach(([id], i) => {
        this.emit('stats', {
          participantId: id,
          at: Date.now(),
          bitrateIn: 300_000 + 50_000 * Math.sin(t + i),
          bitrateOut: sending.maxBitrate,
          packetLoss: i === 5 ? 0.12 : i === 4 ? 0.04 : 0.001,
          rttMs: 4 + i,
          fps: 15,
          width: 640,
          height: 360,
          sending,
        });
      });
    }, 200);
    return Promise.resolve();
  }

  leave(): void {
    this.emit('ended');
  }
  setState(): void {}
  setLocalStream(): void {}
  setScreenStream(): void {}
  sendChat(text: string): ChatMessage {
    const m = {
      id: `self:${this.#chat.length + 1}`,
      senderId: 'self',
      seq: this.#chat.length + 1,
      sentAt: Date.now(),
      text,
    };
    this.#chat.push(m);
    this.emit('chat', m);
    return m;
  }

  /** A remote message, as the network would deliver it. */
  receive(senderId: string, text: string): void {
    const seq = this.#chat.filter((m) => m.senderId === senderId).length + 1;
    const m = { id: `${senderId}:${seq}`, senderId, seq, sentAt: Date.now(), text };
    this.#chat.push(m);
    this.emit('chat', m);
  }
}
