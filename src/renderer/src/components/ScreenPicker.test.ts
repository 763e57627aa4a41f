import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import { provideAppHost } from '../stores/hostPort';
import { FakeHost, source } from '../stores/testing';
import ScreenPicker from './ScreenPicker.vue';
import { tabStops } from './focusTrap';

const SOURCES = [
  source('screen:1:0', 'Entire screen'),
  source('screen:2:0', 'Screen 2', false),
  source('window:42:0', 'Release notes — Editor'),
];

let host: FakeHost;
let app: App | undefined;
let root: HTMLElement;
let opener: HTMLButtonElement;

function mount(): void {
  const pinia = createPinia();
  setActivePinia(pinia);
  app = createApp(ScreenPicker).use(pinia);
  app.mount(root);
}

async function open(audioRequested = false): Promise<HTMLElement> {
  opener.focus();
  host.requestPick({ requestId: 'r1', sources: SOURCES, audioRequested });
  await nextTick();
  await nextTick();
  const dialog = document.querySelector<HTMLElement>('[role="dialog"]');
  if (!dialog) throw new Error('the picker did not open');
  return dialog;
}

const key = (key: string, init: KeyboardEventInit = {}): KeyboardEvent => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  (document.activeElement ?? document.body).dispatchEvent(event);
  return event;
};

const button = (dialog: HTMLElement, name: string): HTMLButtonElement => {
  const found = [...dialog.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
};

const radios = (dialog: HTMLElement): HTMLInputElement[] => [
  ...dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]'),
];

describe('ScreenPicker', () => {
  beforeEach(() => {
    host = new FakeHost();
    provideAppHost(host);
    document.body.innerHTML = '<button id="opener">Share screen</button><div id="root"></div>';
    opener = document.querySelector<HTMLButtonElement>('#opener')!;
    root = document.querySelector<HTMLElement>('#root')!;
    mount();
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  it('shows nothing until main asks', () => {
    expect(document.querySelector('[role="dialog"]')).toBeNull();
  });

  it('is a labelled modal dialog with Screens and Windows tabs of named thumbnails', async () => {
    const dialog = await open();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const title = document.getElementById(dialog.getAttribute('aria-labelledby')!);
    expect(title?.textContent).toBe('Share your screen');
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)).not.toBeNull();

    const tabs = [...dialog.querySelectorAll('[role="tab"]')];
    expect(tabs.map((t) => t.textContent.replace(/\s+/g, ' ').trim())).toEqual([
      'Screens 2',
      'Windows 1',
    ]);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false']);
    const panel = dialog.querySelector('[role="tabpanel"]')!;
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs[0]?.id);
    expect(panel.querySelector('[role="radiogroup"]')?.getAttribute('aria-label')).toBe('Screens');
    // Each choice is a radio named by its label; thumbnails are decorative (alt="").
    expect(radios(dialog).map((r) => r.closest('label')?.textContent.trim())).toEqual([
      'Entire screen',
      'Screen 2',
    ]);
    expect([...panel.querySelectorAll('img')].map((i) => i.getAttribute('alt'))).toEqual(['']);
    // The first screen is chosen and has focus.
    expect(radios(dialog)[0]?.checked).toBe(true);
    expect(document.activeElement).toBe(radios(dialog)[0]);
    expect(dialog.textContent).not.toContain('Share system audio');
  });

  it('shares the chosen window, then gives focus back', async () => {
    const dialog = await open();
    const windowsTab = dialog.querySelector<HTMLElement>('#screen-picker-tab-window')!;
    windowsTab.click();
    await nextTick();
    const [notes] = radios(dialog);
    expect(notes?.value).toBe('window:42:0');
    expect(notes?.checked).toBe(true);
    button(dialog, 'Share').click();
    await nextTick();
    expect(host.choices).toEqual([{ requestId: 'r1', sourceId: 'window:42:0', audio: false }]);
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('moves between tabs with the arrow keys', async () => {
    const dialog = await open();
    dialog.querySelector<HTMLElement>('#screen-picker-tab-screen')!.focus();
    key('ArrowRight');
    await nextTick();
    await nextTick();
    expect(document.activeElement?.id).toBe('screen-picker-tab-window');
    expect(dialog.querySelector('[role="radiogroup"]')?.getAttribute('aria-label')).toBe('Windows');
    key('Home');
    await nextTick();
    await nextTick();
    expect(document.activeElement?.id).toBe('screen-picker-tab-screen');
  });

  it('cancels on Escape and on Cancel', async () => {
    await open();
    const escape = key('Escape');
    expect(escape.defaultPrevented).toBe(true);
    await nextTick();
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(host.choices).toEqual([{ requestId: 'r1', sourceId: null, audio: false }]);

    const dialog = await open();
    button(dialog, 'Cancel').click();
    await nextTick();
    expect(host.choices.at(-1)).toEqual({ requestId: 'r1', sourceId: null, audio: false });
  });

  it('keeps Tab inside the dialog', async () => {
    const dialog = await open();
    const stops = tabStops(dialog);
    // The active tab, the checked radio only, Cancel, Share.
    expect(stops.map((s) => s.id || s.getAttribute('value') || s.textContent.trim())).toEqual([
      'screen-picker-tab-screen',
      'screen:1:0',
      'Cancel',
      'Share',
    ]);
    button(dialog, 'Share').focus();
    expect(key('Tab').defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(stops[0]);
    expect(key('Tab', { shiftKey: true }).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(stops.at(-1));
    // In the middle, the browser moves focus itself.
    radios(dialog)[0]?.focus();
    expect(key('Tab').defaultPrevented).toBe(false);
    // Focus that escaped is brought back.
    opener.focus();
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('offers system audio when the page asked for it on Windows', async () => {
    host.platform = 'win32';
    app?.unmount();
    mount();
    const dialog = await open(true);
    const audio = dialog.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(audio.closest('label')?.textContent.trim()).toBe('Share system audio');
    expect(audio.checked).toBe(false);
    audio.click();
    await nextTick();
    button(dialog, 'Share').click();
    expect(host.choices).toEqual([{ requestId: 'r1', sourceId: 'screen:1:0', audio: true }]);
  });

  it('closes when main gives up on the request', async () => {
    await open();
    host.cancelPick('r1');
    await nextTick();
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(host.choices).toEqual([]);
  });
});
