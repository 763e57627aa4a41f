import { describe, expect, it } from 'vitest';
import {
  acceleratorFromKey,
  commandForKey,
  globalShortcutProblem,
  isPushToTalkRelease,
  matchesAccelerator,
  type KeyLike,
} from './shortcuts';

const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: document.body,
  ...extra,
});

describe('meeting shortcuts', () => {
  it('maps single keys in either case', () => {
    expect(commandForKey(key('m'))).toBe('toggle-mute');
    expect(commandForKey(key('V'))).toBe('toggle-camera');
    expect(commandForKey(key('d'))).toBe('toggle-screen-share');
    expect(commandForKey(key('r'))).toBe('toggle-hand');
    expect(commandForKey(key('c'))).toBe('toggle-chat');
    expect(commandForKey(key('p'))).toBe('toggle-participants');
    expect(commandForKey(key('x'))).toBeUndefined();
  });

  it('leaves typing, modifiers, auto-repeat and buttons alone', () => {
    const input = document.createElement('input');
    const area = document.createElement('textarea');
    const button = document.createElement('button');
    expect(commandForKey(key('m', { target: input }))).toBeUndefined();
    expect(commandForKey(key(' ', { target: area }))).toBeUndefined();
    expect(commandForKey(key('m', { ctrlKey: true }))).toBeUndefined();
    expect(commandForKey(key('m', { repeat: true }))).toBeUndefined();
    expect(commandForKey(key(' ', { target: button }))).toBeUndefined();
  });

  it('leaves keys in a modal dialog (the screen picker) alone', () => {
    const dialog = document.createElement('div');
    dialog.setAttribute('aria-modal', 'true');
    const tab = document.createElement('button');
    dialog.append(tab);
    expect(commandForKey(key('d', { target: tab }))).toBeUndefined();
    expect(commandForKey(key('m', { target: dialog }))).toBeUndefined();
  });

  it('maps the push-to-talk key of the settings, held, and nothing when it is off', () => {
    const space = key(' ', { code: 'Space' });
    expect(commandForKey(space)).toBeUndefined();
    expect(commandForKey(space, { pushToTalk: '' })).toBeUndefined();
    expect(commandForKey(space, { pushToTalk: 'Space' })).toBe('push-to-talk');
    expect(commandForKey({ ...space, repeat: true }, { pushToTalk: 'Space' })).toBe('push-to-talk');
    // Space on a button still presses the button; in a field it types.
    const button = document.createElement('button');
    expect(commandForKey({ ...space, target: button }, { pushToTalk: 'Space' })).toBeUndefined();
    const input = document.createElement('input');
    expect(commandForKey({ ...space, target: input }, { pushToTalk: 'Space' })).toBeUndefined();
    // Another key from the settings file, with modifiers, wins over a single-key shortcut.
    const ctrlM = key('m', { code: 'KeyM', ctrlKey: true });
    expect(commandForKey(ctrlM, { pushToTalk: 'Ctrl+M' })).toBe('push-to-talk');
    expect(commandForKey(key('m', { code: 'KeyM' }), { pushToTalk: 'Ctrl+M' })).toBe('toggle-mute');
    expect(commandForKey(key('F8', { code: 'F8' }), { pushToTalk: 'F8' })).toBe('push-to-talk');
  });

  it('releases push-to-talk on keyup of its key, modifiers or not', () => {
    expect(isPushToTalkRelease({ key: ' ', code: 'Space' }, 'Space')).toBe(true);
    expect(isPushToTalkRelease({ key: 'm', code: 'KeyM' }, 'Ctrl+M')).toBe(true);
    expect(isPushToTalkRelease({ key: 'Control', code: 'ControlLeft' }, 'Ctrl+M')).toBe(false);
    expect(isPushToTalkRelease({ key: ' ', code: 'Space' }, '')).toBe(false);
  });
});

describe('accelerators from key presses', () => {
  it('records modifiers and one physical key', () => {
    expect(acceleratorFromKey(key('M', { code: 'KeyM', ctrlKey: true, shiftKey: true }))).toBe(
      'Ctrl+Shift+M',
    );
    expect(acceleratorFromKey(key('!', { code: 'Digit1', altKey: true, shiftKey: true }))).toBe(
      'Alt+Shift+1',
    );
    expect(acceleratorFromKey(key('F9', { code: 'F9' }))).toBe('F9');
    expect(acceleratorFromKey(key(' ', { code: 'Space', metaKey: true }))).toBe('Super+Space');
    expect(acceleratorFromKey(key('ArrowUp', { code: 'ArrowUp', ctrlKey: true }))).toBe('Ctrl+Up');
    expect(acceleratorFromKey(key('3', { code: 'Numpad3', ctrlKey: true }))).toBe('Ctrl+num3');
    expect(acceleratorFromKey(key('Control', { code: 'ControlLeft', ctrlKey: true }))).toBeNull();
    expect(acceleratorFromKey(key('Dead', { code: 'Quote' }))).toBeNull();
  });

  it('matches events against accelerators, CommandOrControl as either', () => {
    const m = (extra: Partial<KeyLike>): KeyLike => key('m', { code: 'KeyM', ...extra });
    expect(
      matchesAccelerator(m({ ctrlKey: true, shiftKey: true }), 'CommandOrControl+Shift+M'),
    ).toBe(true);
    expect(
      matchesAccelerator(m({ metaKey: true, shiftKey: true }), 'CommandOrControl+Shift+M'),
    ).toBe(true);
    expect(matchesAccelerator(m({ ctrlKey: true }), 'CommandOrControl+Shift+M')).toBe(false);
    expect(matchesAccelerator(m({ ctrlKey: true, altKey: true }), 'Ctrl+M')).toBe(false);
    expect(matchesAccelerator(m({}), 'M')).toBe(true);
    expect(matchesAccelerator(key('Enter', { code: 'Enter' }), 'Return')).toBe(true);
    expect(matchesAccelerator(m({}), 'not an accelerator')).toBe(false);
  });

  it('explains global shortcuts that cannot be used', () => {
    expect(globalShortcutProblem('')).toBeNull();
    expect(globalShortcutProblem('CommandOrControl+Shift+M')).toBeNull();
    expect(globalShortcutProblem('F9')).toBeNull();
    expect(globalShortcutProblem('MediaPlayPause')).toBeNull();
    expect(globalShortcutProblem('Ctrl+Ctrl+M')).toMatch(/Not a key combination/);
    expect(globalShortcutProblem('Shift+M')).toMatch(/Add Ctrl, Alt or Super/);
    expect(globalShortcutProblem('Space')).toMatch(/Add Ctrl, Alt or Super/);
  });
});
