import { describe, expect, it } from 'vitest';
import { GlobalShortcutController, type GlobalShortcutLike } from './GlobalShortcutController';

/** Registry standing in for the OS: some combinations are held by other applications. */
class Registry implements GlobalShortcutLike {
  readonly registered = new Map<string, () => void>();
  constructor(readonly takenElsewhere: ReadonlySet<string> = new Set()) {}
  register(accelerator: string, callback: () => void): boolean {
    if (this.takenElsewhere.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }
}

describe('GlobalShortcutController', () => {
  it('registers, re-registers on change and fires the toggle', () => {
    const os = new Registry();
    let toggles = 0;
    const c = new GlobalShortcutController(os, () => toggles++);
    expect(c.apply('CommandOrControl+Shift+M')).toBe(true);
    os.registered.get('CommandOrControl+Shift+M')!();
    expect(toggles).toBe(1);
    expect(c.apply('Alt+F9')).toBe(true);
    expect([...os.registered.keys()]).toEqual(['Alt+F9']);
    expect(c.apply('')).toBe(false);
    expect(os.registered.size).toBe(0);
    expect(c.active).toBeNull();
  });

  it('reports a taken or invalid shortcut instead of throwing', () => {
    const os = new Registry(new Set(['Alt+M']));
    const errors: string[] = [];
    const c = new GlobalShortcutController(os, () => undefined);
    c.on('error', (_a, reason) => errors.push(reason));
    expect(c.apply('Alt+M')).toBe(false);
    expect(c.apply('Hyper+M')).toBe(false);
    const throwing = new GlobalShortcutController(
      {
        register: () => {
          throw new Error('conversion failed');
        },
        unregister: () => undefined,
      },
      () => undefined,
    );
    throwing.on('error', (_a, reason) => errors.push(reason));
    expect(throwing.apply('Ctrl+K')).toBe(false);
    expect(errors).toEqual([
      '"Alt+M" is already used by another application',
      '"Hyper+M" is not a valid key combination',
      '"Ctrl+K" was refused: conversion failed',
    ]);
  });

  it('dispose unregisters', () => {
    const os = new Registry();
    const c = new GlobalShortcutController(os, () => undefined);
    c.apply('F8');
    c.dispose();
    expect(os.registered.size).toBe(0);
  });
});
