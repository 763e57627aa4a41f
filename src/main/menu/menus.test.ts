import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { IDLE_CALL_STATE, type CallCommand } from '../../shared/ipc-contract';
import { buildApplicationMenuTemplate } from './applicationMenu';
import { buildCallMenu, DEFAULT_MUTE_ACCELERATOR } from './callMenu';
import { buildTrayMenuTemplate, trayTooltip } from './trayMenu';
import type { MenuActions, MenuState } from './types';

const base: MenuState = {
  call: { ...IDLE_CALL_STATE, inCall: true, participants: 2, meetingName: 'Standup' },
  devices: [
    { deviceId: 'default', kind: 'audioinput', label: 'Default' },
    { deviceId: 'mic-a', kind: 'audioinput', label: 'USB Mic' },
    { deviceId: 'mic-b', kind: 'audioinput', label: '' },
    { deviceId: 'cam-a', kind: 'videoinput', label: 'Webcam' },
    { deviceId: 'spk-a', kind: 'audiooutput', label: 'Speakers' },
  ],
  selected: { cameraId: null, microphoneId: 'mic-b', speakerId: 'gone' },
  muteShortcut: 'Alt+M',
  muteShortcutGlobal: true,
  platform: 'linux',
  appName: 'Parley',
  dev: false,
};

function recorder() {
  const log: string[] = [];
  const actions: MenuActions = {
    command: (c: CallCommand) => log.push(`command:${c}`),
    selectDevice: (k, id) => log.push(`select:${k}:${String(id)}`),
    showWindow: () => log.push('show'),
    quit: () => log.push('quit'),
  };
  return { log, actions };
}

/** Depth-first search of a template by item id. */
function find(
  items: readonly MenuItemConstructorOptions[],
  id: string,
): MenuItemConstructorOptions {
  for (const item of items) {
    if (item.id === id) return item;
    if (Array.isArray(item.submenu)) {
      try {
        return find(item.submenu, id);
      } catch {
        /* keep looking */
      }
    }
  }
  throw new Error(`no menu item ${id}`);
}
const click = (item: MenuItemConstructorOptions) => {
  (item.click as () => void)();
};

describe('Call menu', () => {
  it('labels show the current state and click sends the command', () => {
    const { log, actions } = recorder();
    const unmuted = [buildCallMenu(base, actions)];
    expect(find(unmuted, 'call.mute').label).toBe('Mute Microphone');
    expect(find(unmuted, 'call.camera').label).toBe('Turn Camera On');
    expect(find(unmuted, 'call.hand').label).toBe('Raise Hand');
    const state = {
      ...base,
      call: { ...base.call, muted: true, cameraOn: true, screenSharing: true, handRaised: true },
    };
    const muted = [buildCallMenu(state, actions)];
    expect(find(muted, 'call.mute').label).toBe('Unmute Microphone');
    expect(find(muted, 'call.camera').label).toBe('Turn Camera Off');
    expect(find(muted, 'call.screen').label).toBe('Stop Sharing Screen');
    expect(find(muted, 'call.hand').label).toBe('Lower Hand');
    for (const id of ['call.mute', 'call.camera', 'call.screen', 'call.hand', 'call.leave'])
      click(find(muted, id));
    expect(log).toEqual([
      'command:toggle-mute',
      'command:toggle-camera',
      'command:toggle-screen-share',
      'command:toggle-hand',
      'command:leave',
    ]);
  });

  it('shows the configured mute shortcut, registering it locally only when it is not global', () => {
    const { actions } = recorder();
    expect(find([buildCallMenu(base, actions)], 'call.mute')).toMatchObject({
      accelerator: 'Alt+M',
      registerAccelerator: false,
    });
    const local = { ...base, muteShortcut: '', muteShortcutGlobal: false };
    expect(find([buildCallMenu(local, actions)], 'call.mute')).toMatchObject({
      accelerator: DEFAULT_MUTE_ACCELERATOR,
      registerAccelerator: true,
    });
  });

  it('disables call controls outside a call', () => {
    const { actions } = recorder();
    const idle = [buildCallMenu({ ...base, call: IDLE_CALL_STATE }, actions)];
    for (const id of ['call.mute', 'call.camera', 'call.screen', 'call.hand', 'call.leave'])
      expect(find(idle, id).enabled).toBe(false);
  });

  it('lists devices with the selection checked, default and missing devices handled', () => {
    const { log, actions } = recorder();
    const menu = [buildCallMenu(base, actions)];
    const mic = find(menu, 'device.microphone').submenu as MenuItemConstructorOptions[];
    expect(mic.map((i) => [i.label, i.checked])).toEqual([
      ['System Default', false],
      ['USB Mic', false],
      ['Microphone 2', true],
    ]);
    expect(find(menu, 'device.camera.default').checked).toBe(true);
    expect(find(menu, 'device.speaker.missing')).toMatchObject({ checked: true, enabled: false });
    click(find(menu, 'device.microphone.mic-a'));
    click(find(menu, 'device.camera.default'));
    expect(log).toEqual(['select:microphone:mic-a', 'select:camera:null']);
  });
});

describe('application menu', () => {
  it('has File, Edit, Call, View, Window; appMenu on macOS; dev tools only in dev', () => {
    const { actions } = recorder();
    const linux = buildApplicationMenuTemplate(base, actions);
    expect(linux.map((m) => m.label)).toEqual(['File', 'Edit', 'Call', 'View', 'Window']);
    const mac = buildApplicationMenuTemplate({ ...base, platform: 'darwin' }, actions);
    expect(mac[0]).toMatchObject({ role: 'appMenu' });
    const roles = (t: MenuItemConstructorOptions[]) => JSON.stringify(t);
    expect(roles(linux)).not.toMatch(/toggleDevTools/);
    expect(roles(buildApplicationMenuTemplate({ ...base, dev: true }, actions))).toMatch(
      /toggleDevTools/,
    );
  });
});

describe('tray', () => {
  it('mirrors the call state, with show and quit', () => {
    const { log, actions } = recorder();
    const inCall = buildTrayMenuTemplate({ ...base, call: { ...base.call, muted: true } }, actions);
    expect(find(inCall, 'call.mute')).toMatchObject({
      label: 'Unmute Microphone',
      registerAccelerator: false,
    });
    click(find(inCall, 'tray.show'));
    click(find(inCall, 'tray.quit'));
    expect(log).toEqual(['show', 'quit']);
    const idle = buildTrayMenuTemplate({ ...base, call: IDLE_CALL_STATE }, actions);
    expect(find(idle, 'tray.idle').enabled).toBe(false);
    expect(() => find(idle, 'call.mute')).toThrow();
  });

  it('tooltip tells the meeting, people and mute state', () => {
    expect(trayTooltip(base)).toBe('Parley — Standup (2 participants, microphone on)');
    expect(trayTooltip({ ...base, call: IDLE_CALL_STATE })).toBe('Parley');
  });
});
