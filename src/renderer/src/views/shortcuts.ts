/**
 * In-meeting keyboard shortcuts (Jitsi-style single keys, ignored while typing in a field or in
 * a modal dialog):
 *   M  mute / unmute            V  camera on / off       D  share screen / stop
 *   R  raise / lower hand       C  chat panel            P  participants panel
 * plus push-to-talk (hold a key to talk while muted) when the settings give it a key
 * (`shortcuts.pushToTalk`, an Electron accelerator; '' = off). Also turns key presses into
 * accelerators for the settings form and checks the global mute shortcut.
 * Pure: maps key events to commands and strings.
 */
import { isAccelerator } from '../../../shared/accelerator';

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
];

/** The key the push-to-talk switch of the settings sets. */
export const DEFAULT_PUSH_TO_TALK = 'Space';

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
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

const NAMED_KEYS: Readonly<Record<string, string>> = {
  ' ': 'Space',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Enter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Escape: 'Escape',
  '+': 'Plus',
  AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown',
  AudioVolumeMute: 'VolumeMute',
  MediaTrackNext: 'MediaNextTrack',
  MediaTrackPrevious: 'MediaPreviousTrack',
  MediaStop: 'MediaStop',
  MediaPlayPause: 'MediaPlayPause',
  PrintScreen: 'PrintScreen',
};

/** Accelerator spellings that name the same key. */
const KEY_ALIASES: Readonly<Record<string, string>> = { return: 'enter', esc: 'escape' };

const normalKey = (token: string): string => {
  const t = token.toLowerCase();
  return KEY_ALIASES[t] ?? t;
};

/**
 * The accelerator key of an event ('M', '5', 'num3', 'Space', 'F5', 'Up', …), or null for a
 * modifier alone or a key accelerators cannot name. Letters and digits by their physical key, so
 * Shift+1 is "1", not "!".
 */
export function keyToken(event: Pick<KeyLike, 'key' | 'code'>): string | null {
  const code = event.code ?? '';
  const physical = /^Key([A-Z])$|^Digit([0-9])$/.exec(code);
  if (physical) return physical[1] ?? physical[2] ?? null;
  const numpad = /^Numpad([0-9])$/.exec(code);
  if (numpad) return `num${numpad[1] ?? ''}`;
  if (code === 'Space') return 'Space';
  const named = NAMED_KEYS[event.key];
  if (named !== undefined) return named;
  if (/^F([1-9]|1\d|2[0-4])$/.test(event.key)) return event.key;
  if (event.key.length === 1 && isAccelerator(event.key)) return event.key.toUpperCase();
  return null;
}

/**
 * The accelerator for a key press in the settings' "record" mode ('Ctrl+Shift+M'; Super is the
 * Windows key, or Cmd on macOS), or null while only modifiers are down.
 */
export function acceleratorFromKey(event: KeyLike): string | null {
  const key = keyToken(event);
  if (key === null) return null;
  const parts = [
    ...(event.ctrlKey ? ['Ctrl'] : []),
    ...(event.altKey ? ['Alt'] : []),
    ...(event.shiftKey ? ['Shift'] : []),
    ...(event.metaKey ? ['Super'] : []),
    key,
  ];
  const accelerator = parts.join('+');
  return isAccelerator(accelerator) ? accelerator : null;
}

/** True when the event is the key of `accelerator` with exactly its modifiers. */
export function matchesAccelerator(event: KeyLike, accelerator: string): boolean {
  if (!isAccelerator(accelerator)) return false;
  const tokens = accelerator.split('+');
  const key = tokens.pop() ?? '';
  const pressed = keyToken(event);
  if (pressed === null || normalKey(pressed) !== normalKey(key)) return false;
  const want = new Set(
    tokens.map((t) => {
      const m = t.toLowerCase();
      if (m === 'control' || m === 'ctrl') return 'ctrl';
      if (m === 'command' || m === 'cmd' || m === 'super' || m === 'meta') return 'meta';
      if (m === 'commandorcontrol' || m === 'cmdorctrl') return 'either';
      if (m === 'option' || m === 'altgr') return 'alt';
      return m;
    }),
  );
  const ctrl = event.ctrlKey;
  const meta = event.metaKey;
  const ctrlMetaOk =
    want.has('either') && !want.has('ctrl') && !want.has('meta')
      ? ctrl !== meta
      : ctrl === (want.has('ctrl') || (want.has('either') && !meta)) &&
        meta === (want.has('meta') || (want.has('either') && !ctrl));
  return (
    ctrlMetaOk &&
    event.altKey === want.has('alt') &&
    (event.shiftKey ?? false) === want.has('shift')
  );
}

/** True when a keyup releases the push-to-talk key (modifiers may already be up). */
export function isPushToTalkRelease(
  event: Pick<KeyLike, 'key' | 'code'>,
  accelerator: string,
): boolean {
  if (!accelerator) return false;
  const pressed = keyToken(event);
  const key = accelerator.split('+').pop() ?? '';
  return pressed !== null && normalKey(pressed) === normalKey(key);
}

/** Keys that may be a global shortcut on their own (they type nothing in other apps). */
const STANDALONE = /^(f([1-9]|1\d|2[0-4])|volume\w+|media\w+|printscreen)$/i;

/**
 * Why `value` cannot be the global mute shortcut, fit to show, or null when it can ('' = off).
 * Beyond the accelerator syntax: a plain or shifted typing key would be taken from every app.
 */
export function globalShortcutProblem(value: string): string | null {
  if (value === '') return null;
  if (!isAccelerator(value)) {
    return 'Not a key combination: write modifiers and one key joined by "+", e.g. CommandOrControl+Shift+M.';
  }
  const tokens = value.split('+');
  const key = tokens.pop() ?? '';
  const modifiers = tokens.filter((t) => t.toLowerCase() !== 'shift');
  if (modifiers.length === 0 && !STANDALONE.test(key)) {
    return 'Add Ctrl, Alt or Super: this key alone would stop typing it in every app.';
  }
  return null;
}

/** Options of commandForKey. */
export interface ShortcutOptions {
  /** The push-to-talk accelerator from the settings; '' or absent = push-to-talk off. */
  readonly pushToTalk?: string;
}

/**
 * The command for a keydown, or undefined. The push-to-talk key (when set) wins over the single
 * keys; Space or Enter as push-to-talk leave buttons and links alone (they activate them).
 */
export function commandForKey(
  event: KeyLike,
  options: ShortcutOptions = {},
): ShortcutCommand | undefined {
  if (isTyping(event.target) || isInModal(event.target)) return undefined;
  const pushToTalk = options.pushToTalk ?? '';
  if (pushToTalk !== '' && matchesAccelerator(event, pushToTalk)) {
    const activates = keyToken(event) === 'Space' || keyToken(event) === 'Enter';
    const onButton =
      typeof Element !== 'undefined' &&
      event.target instanceof Element &&
      event.target.closest('button, [role="button"], a') !== null;
    return activates && onButton ? undefined : 'push-to-talk';
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (event.repeat) return undefined;
  const entry = SHORTCUTS.find((s) => s.key.length === 1 && s.key === event.key.toUpperCase());
  return entry?.command;
}
