import { defineStore } from 'pinia';
import { watch } from 'vue';
import type { Participant } from '../meeting/RosterModel';
import { appHost, type CallNotification } from './hostPort';
import { useMeetingStore, type ChatLine } from './meeting';
import { useSettingsStore } from './settings';

const TITLE_MAX = 128;
const BODY_MAX = 512;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The system notification for a chat line from someone else. */
export function chatNotification(line: Pick<ChatLine, 'senderName' | 'text'>): CallNotification {
  return {
    kind: 'chat',
    title: clip(line.senderName, TITLE_MAX) || 'New message',
    body: clip(line.text, BODY_MAX),
  };
}

/** The system notification for someone joining the meeting `code`. */
export function joinNotification(name: string, code: string): CallNotification {
  const who = clip(name, TITLE_MAX - ' joined'.length) || 'Someone';
  return { kind: 'join', title: `${who} joined`, body: clip(`Meeting ${code}`, BODY_MAX) };
}

/** Lines appended to the chat between two snapshots that others sent. */
export function newChatFromOthers(
  next: readonly ChatLine[],
  previous: readonly ChatLine[] | undefined,
): ChatLine[] {
  if (!previous || next.length <= previous.length) return [];
  return next.slice(previous.length).filter((l) => !l.isSelf);
}

/** Participants in `next` who were not in `previous`. */
export function joinedParticipants(
  next: readonly Participant[],
  previous: readonly Participant[] | undefined,
): Participant[] {
  const before = new Set((previous ?? []).map((p) => p.id));
  return next.filter((p) => !before.has(p.id));
}

/**
 * System notifications (Electron) for chat messages from others and for people joining, while in
 * a meeting. The host shows them only when the window has no focus and throttles bursts, so this
 * store sends every candidate the person wants (Settings → Notifications, read when each one
 * happens, so a change applies at once); hosts without notifications (a browser tab) are never
 * asked.
 */
export const useCallNotificationsStore = defineStore('callNotifications', () => {
  let stop: (() => void) | undefined;

  const settings = useSettingsStore();

  /** Whether the person wants this kind (on until settings say otherwise). */
  function wanted(kind: CallNotification['kind']): boolean {
    const choice = settings.settings?.notifications;
    return (kind === 'chat' ? choice?.chat : choice?.joins) ?? true;
  }

  function send(notification: CallNotification): void {
    if (!wanted(notification.kind)) return;
    const host = appHost();
    host.notify?.(notification).catch((error: unknown) => {
      console.warn('Parley: the notification could not be shown', error);
    });
  }

  /** Starts following the meeting store (once; nothing when the host has no notifications). */
  function start(): void {
    if (stop) return;
    stop = () => undefined;
    const host = appHost();
    if (host.capabilities?.notifications !== true || !host.notify) return;
    const meeting = useMeetingStore();
    // Sync watchers see each engine event with the phase of that moment: the roster that arrives
    // while joining is not "someone joined" (the store's own toasts follow the same rule).
    const offChat = watch(
      () => meeting.chat,
      (next, previous) => {
        if (meeting.phase !== 'joined') return;
        for (const line of newChatFromOthers(next, previous)) send(chatNotification(line));
      },
      { flush: 'sync' },
    );
    const offJoin = watch(
      () => meeting.participants,
      (next, previous) => {
        if (meeting.phase !== 'joined') return;
        for (const p of joinedParticipants(next, previous)) {
          send(joinNotification(p.name, meeting.code));
        }
      },
      { flush: 'sync' },
    );
    stop = () => {
      offChat();
      offJoin();
    };
  }

  function dispose(): void {
    stop?.();
    stop = undefined;
  }

  return { start, dispose };
});
