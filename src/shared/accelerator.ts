/**
 * Validation of Electron accelerator strings ("CommandOrControl+Shift+M") without Electron, so
 * settings can be checked in any process before globalShortcut sees them.
 */

const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);

const NAMED_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'printscreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
]);

function isKey(token: string): boolean {
  const t = token.toLowerCase();
  if (/^[a-z0-9]$/.test(t)) return true;
  if (/^[)!@#$%^&*(:;:+=<,_\->.?/~`{\][|\\}"']$/.test(token)) return true;
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(t)) return true;
  if (/^num[0-9]$/.test(t)) return true;
  return NAMED_KEYS.has(t);
}

/** True when `value` is modifiers (each at most once) followed by exactly one key, joined by '+'. */
export function isAccelerator(value: string): boolean {
  if (value.length === 0 || value.length > 64) return false;
  // A literal '+' key is written "Plus"; a trailing "++" is not accepted.
  const tokens = value.split('+');
  const key = tokens.pop();
  if (key === undefined || !isKey(key)) return false;
  const seen = new Set<string>();
  for (const token of tokens) {
    const m = token.toLowerCase();
    if (!MODIFIERS.has(m) || seen.has(m)) return false;
    seen.add(m);
  }
  return true;
}

/** Human label for menus: "CommandOrControl+Shift+M" → "Ctrl+Shift+M" (or ⌘ on macOS). */
export function formatAccelerator(value: string, platform: string): string {
  const mac = platform === 'darwin';
  return value
    .split('+')
    .map((t) => {
      const m = t.toLowerCase();
      if (m === 'commandorcontrol' || m === 'cmdorctrl') return mac ? 'Cmd' : 'Ctrl';
      if (m === 'command' || m === 'cmd') return 'Cmd';
      if (m === 'control') return 'Ctrl';
      if (m === 'option') return 'Alt';
      return t.length === 1 ? t.toUpperCase() : t;
    })
    .join('+');
}
