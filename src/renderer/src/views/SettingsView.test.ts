import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import { useHostStore } from '../stores/host';
import { provideAppHost, type SettingsPatch } from '../stores/hostPort';
import { useSettingsStore } from '../stores/settings';
import { FakeHost } from '../stores/testing';
import SettingsView from './SettingsView.vue';

let host: FakeHost;
let app: App | undefined;
let root: HTMLElement;

async function mount(): Promise<void> {
  const pinia = createPinia();
  setActivePinia(pinia);
  await useSettingsStore().load();
  await useHostStore().start();
  app = createApp(SettingsView).use(pinia);
  app.mount(root);
  await nextTick();
}

/** The switch labelled `name` (its <label for>), as assistive technology finds it. */
function switchNamed(name: string): HTMLInputElement | null {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent.trim() === name);
  const input = label
    ? root.querySelector<HTMLInputElement>(`#${CSS.escape(label.htmlFor)}`)
    : null;
  return input?.getAttribute('role') === 'switch' ? input : null;
}

async function toggle(input: HTMLInputElement): Promise<void> {
  input.click();
  // The patch resolves, then the view re-renders.
  for (let i = 0; i < 4; i += 1) await nextTick();
}

const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('SettingsView notifications', () => {
  beforeEach(() => {
    host = new FakeHost();
    provideAppHost(host);
    document.body.innerHTML = '<div id="root"></div>';
    root = document.querySelector<HTMLElement>('#root')!;
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  it('has a Notifications section with two switches that save at once', async () => {
    await mount();
    const section = root.querySelector('section[aria-labelledby="s-notify"]');
    expect(section?.querySelector('h2')?.textContent).toBe('Notifications');
    const chat = switchNamed('Notify me of chat messages')!;
    const joins = switchNamed('Notify me when someone joins')!;
    expect([chat.checked, joins.checked]).toEqual([true, true]);
    expect(chat.getAttribute('aria-describedby')).toBeTruthy();

    await toggle(chat);
    await settled();
    expect(host.patches).toEqual([{ notifications: { chat: false } }]);
    expect(host.settings.notifications).toEqual({ chat: false, joins: true });
    expect(chat.checked).toBe(false);

    // Changed elsewhere (another window): the switch follows.
    host.changeSettings({ notifications: { joins: false } });
    await nextTick();
    expect(joins.checked).toBe(false);
  });

  it('puts a switch back and says why when the host refuses the change', async () => {
    await mount();
    host.patchSettings = (patch: SettingsPatch) => {
      host.patches.push(patch);
      return Promise.reject(new Error('the disk is full'));
    };
    const joins = switchNamed('Notify me when someone joins')!;
    await toggle(joins);
    await settled();
    await nextTick();
    expect(joins.checked).toBe(true);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('the disk is full');
  });

  it('has no Notifications section where the host shows none (a browser tab)', async () => {
    host.capabilities = { screenPicker: false, notifications: false };
    await mount();
    expect(root.querySelector('section[aria-labelledby="s-notify"]')).toBeNull();
    expect(switchNamed('Notify me of chat messages')).toBeNull();
  });
});
