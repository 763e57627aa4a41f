/**
 * In-meeting keyboard shortcuts (Jitsi-style single keys, ignored while typing in a field or in
 * a modal dialog):
 *   M  mute / unmute            V  camera on / off       D  share screen / stop
 *   R  raise / lower hand       C  chat panel            P  participants panel
 *   Space (hold) push-to-talk while muted
 * Pure: maps a key event to a command.
 */
export type ShortcutCommand =
  | 'toggle-mute'
  | 'toggle-camera'
  | 'toggle-screen-share'
  | 'toggle-hand'
  | 'toggle-chat'
  | 'toggle-participants'
  | 'push-to-talk';

export const SHORTCUTS: readonly { key: string; command: ShortcutCommand; label: string }[] = [
  { key: 'M', command: 'toggle-mute', label: 'Mute or unmute' },
  { key: 'V', command: 'toggle-camera', label: 'Camera on or off' },
  { key: 'D', command: 'toggle-screen-share', label: 'Share screen or stop' },
  { key: 'R', command: 'toggle-hand', label: 'Raise or lower hand' },
  { key: 'C', command: 'toggle-chat', label: 'Show or hide chat' },
  { key: 'P', command: 'toggle-participants', label: 'Show or hide participants' },
  { key: 'Space', command: 'push-to-talk', label: 'Hold to talk while muted' },
];

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat?: boolean;
  target: EventTarget | null;
}

/** True when the key goes to a text field, a select or an editable element. */
export function isTyping(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.closest('[contenteditable=""], [contenteditable="true"]')) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** True when the key goes to an open modal dialog (the screen picker): the page behind waits. */
export function isInModal(target: EventTarget | null): boolean {
  return (
    typeof Element !== 'undefined' &&
    target instanceof Element &&
    target.closest('[aria-modal="true"]') !== null
  );
}

/** The command for a keydown, or undefined. Space is only a shortcut off buttons/fields. */
export function commandForKey(event: KeyLike): ShortcutCommand | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (isTyping(event.target) || isInModal(event.target)) return undefined;
  if (event.key === ' ' || event.code === 'Space') {
    const onButton =
      typeof Element !== 'undefined' &&
      event.target instanceof Element &&
      event.target.closest('button, [role="button"], a') !== null;
    return onButton ? undefined : 'push-to-talk';
  }
  if (event.repeat) return undefined;
  const entry = SHORTCUTS.find((s) => s.key.length === 1 && s.key === event.key.toUpperCase());
  return entry?.command;
}
