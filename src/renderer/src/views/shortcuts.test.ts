import { describe, expect, it } from 'vitest';
import { commandForKey, type KeyLike } from './shortcuts';

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

  it('maps held space to push-to-talk', () => {
    expect(commandForKey(key(' ', { code: 'Space' }))).toBe('push-to-talk');
    expect(commandForKey(key(' ', { code: 'Space', repeat: true }))).toBe('push-to-talk');
  });
});
