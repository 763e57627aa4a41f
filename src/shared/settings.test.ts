import { describe, expect, it } from 'vitest';
import { isAccelerator, formatAccelerator } from './accelerator';
import {
  MAX_ICE_FIELD_LENGTH,
  MAX_ICE_SERVERS,
  MAX_ICE_URLS_PER_SERVER,
  validateIceServer,
} from './ice';
import {
  SETTINGS_SCHEMA_VERSION,
  applySettingsPatch,
  defaultSettings,
  iceServerSchema,
  settingsPatchSchema,
  settingsSchema,
} from './settings';
import { migrateSettings } from './settings-migration';

describe('settings schema', () => {
  it('accepts the defaults', () => {
    expect(settingsSchema.parse(defaultSettings())).toEqual(defaultSettings());
  });

  it('validates ICE servers: stun/stuns/turn/turns only, TURN needs credentials', () => {
    expect(iceServerSchema.safeParse({ urls: 'stun:stun.lan:3478' }).success).toBe(true);
    expect(
      iceServerSchema.safeParse({ urls: ['turns:t.lan:5349'], username: 'u', credential: 'p' })
        .success,
    ).toBe(true);
    expect(iceServerSchema.safeParse({ urls: 'turn:t.lan' }).success).toBe(false);
    expect(iceServerSchema.safeParse({ urls: 'http://t.lan' }).success).toBe(false);
    expect(iceServerSchema.safeParse({ urls: [] }).success).toBe(false);
  });

  it('saves exactly what the settings form (ice.ts) accepts, and rejects what it rejects', () => {
    // One source of truth: each value is checked by ice.ts (the form) and by the settings schema.
    const long = 'x'.repeat(MAX_ICE_FIELD_LENGTH);
    const accepted = [
      { urls: 'stuns:stun.example.org:5349' },
      { urls: ['stun:10.0.0.1:3478', 'stuns:[2001:db8::1]:5349'] },
      { urls: ['turn:t.lan:3478?transport=tcp'], username: long, credential: long },
      { urls: Array.from({ length: MAX_ICE_URLS_PER_SERVER }, (_, i) => `stun:s${i}.lan`) },
    ];
    const rejected = [
      { urls: 'stun://stun.lan' },
      { urls: 'turn:t.lan?transport=tls', username: 'u', credential: 'p' },
      { urls: 'stun:bad_host' },
      { urls: 'stun:a.lan:0' },
      { urls: 'turn:t.lan', username: 'u', credential: long + 'x' },
      { urls: 'turn:t.lan', username: 'u', credential: '' },
      { urls: Array.from({ length: MAX_ICE_URLS_PER_SERVER + 1 }, () => 'stun:a.lan') },
    ];
    for (const server of accepted) {
      expect(() => validateIceServer(server), JSON.stringify(server).slice(0, 80)).not.toThrow();
      expect(iceServerSchema.safeParse(server).success).toBe(true);
    }
    for (const server of rejected) {
      expect(() => validateIceServer(server), JSON.stringify(server).slice(0, 80)).toThrow();
      expect(iceServerSchema.safeParse(server).success).toBe(false);
    }
    // Through the same path the app saves with: patch validation, then the merged result.
    const many = Array.from({ length: MAX_ICE_SERVERS }, (_, i) => ({ urls: `stuns:s${i}.lan` }));
    expect(settingsPatchSchema.safeParse({ iceServers: many }).success).toBe(true);
    expect(applySettingsPatch(defaultSettings(), { iceServers: many }).iceServers).toHaveLength(32);
    expect(
      settingsPatchSchema.safeParse({ iceServers: [...many, { urls: 'stun:one-more.lan' }] })
        .success,
    ).toBe(false);
  });

  it('reports ICE problems with the path of the field', () => {
    const r = iceServerSchema.safeParse({ urls: ['stun:a.lan', 'http://b.lan'] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['urls', 1]);
    expect(r.error?.issues[0]?.message).toMatch(/must start with stun:, stuns:, turn: or turns:/);
    const auth = settingsPatchSchema.safeParse({ iceServers: [{ urls: 'turn:t.lan' }] });
    expect(auth.error?.issues[0]?.path).toEqual(['iceServers', 0]);
    expect(auth.error?.issues[0]?.message).toMatch(/needs both "username" and "credential"/);
  });

  it('merges patches one level deep and validates the result', () => {
    const next = applySettingsPatch(defaultSettings(), { devices: { cameraId: 'c' } });
    expect(next.devices).toEqual({ cameraId: 'c', microphoneId: null, speakerId: null });
    expect(() => applySettingsPatch(defaultSettings(), { hosting: { port: 1 } })).toThrow();
  });

  it('has notification choices, both on by default, patched one at a time', () => {
    expect(defaultSettings().notifications).toEqual({ chat: true, joins: true });
    const patch = settingsPatchSchema.parse({ notifications: { joins: false } });
    expect(applySettingsPatch(defaultSettings(), patch).notifications).toEqual({
      chat: true,
      joins: false,
    });
    expect(settingsPatchSchema.safeParse({ notifications: { chat: 'no' } }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ notifications: { sound: true } }).success).toBe(false);
  });
});

describe('migrateSettings', () => {
  it('replaces a non-object with defaults and says so', () => {
    const r = migrateSettings([1, 2]);
    expect(r.settings).toEqual(defaultSettings());
    expect(r.issues).toEqual(['the settings file does not hold an object']);
  });

  it('flags settings from a newer version and unknown keys but keeps valid sections', () => {
    const r = migrateSettings({
      ...defaultSettings(),
      schemaVersion: 99,
      displayName: 'Ada',
      extra: true,
    });
    expect(r.settings.displayName).toBe('Ada');
    expect(r.issues).toEqual([
      'settings were written by a newer Parley (schemaVersion 99)',
      'extra: unknown setting, dropped',
    ]);
  });

  it('keeps the valid ICE servers of a stored file and drops each invalid one', () => {
    const r = migrateSettings({
      ...defaultSettings(),
      iceServers: [
        { urls: 'stun:stun.lan:3478' },
        { urls: 'turn:t.lan?transport=tls', username: 'u', credential: 'p' },
        { urls: ['stuns:stun.lan:5349'] },
      ],
    });
    expect(r.settings.iceServers).toEqual([
      { urls: 'stun:stun.lan:3478' },
      { urls: ['stuns:stun.lan:5349'] },
    ]);
    expect(r.changed).toBe(true);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatch(/^iceServers\.1: urls query must be \?transport=udp/);
  });

  it('migrates a version 1 file (flat layout, stunServers) to the current layout', () => {
    const r = migrateSettings({
      name: 'Ada',
      port: 9100,
      stunServers: ['stun:10.0.0.1:3478', 'stun:bad host'],
      camera: 'cam-1',
      theme: 'dark',
    });
    expect(r.settings).toMatchObject({
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      displayName: 'Ada',
      iceServers: [{ urls: 'stun:10.0.0.1:3478' }],
      hosting: { enabled: true, port: 9100 },
      devices: { cameraId: 'cam-1', microphoneId: null, speakerId: null },
      theme: 'dark',
      notifications: { chat: true, joins: true },
    });
    expect(r.issues).toEqual([expect.stringMatching(/^iceServers\.1: urls has an invalid host/)]);
  });

  it('migrates a version 2 file: every section kept, both notifications on', () => {
    const v2 = {
      schemaVersion: 2,
      displayName: 'Ada',
      devices: { cameraId: 'cam-1', microphoneId: null, speakerId: 'spk' },
      iceServers: [{ urls: 'stun:10.0.0.1:3478' }],
      hosting: { enabled: false, port: 9100, meetingName: 'Standup' },
      shortcuts: { muteGlobal: '', pushToTalk: 'Space' },
      theme: 'light',
    };
    const r = migrateSettings(v2);
    expect(r.settings).toEqual({
      ...v2,
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      notifications: { chat: true, joins: true },
    });
    expect(r.issues).toEqual([]);
    expect(r.changed).toBe(true);
  });

  it('keeps valid notification choices and resets an invalid section', () => {
    const off = { ...defaultSettings(), notifications: { chat: false, joins: true } };
    expect(migrateSettings(off)).toEqual({ settings: off, issues: [], changed: false });
    const bad = migrateSettings({ ...defaultSettings(), notifications: { chat: 'off' } });
    expect(bad.settings.notifications).toEqual({ chat: true, joins: true });
    expect(bad.issues).toEqual([expect.stringMatching(/^notifications: chat /)]);
  });

  it('leaves a current valid file unchanged', () => {
    const r = migrateSettings(defaultSettings());
    expect(r).toEqual({ settings: defaultSettings(), issues: [], changed: false });
  });
});

describe('accelerators', () => {
  it('accepts modifiers + one key', () => {
    for (const a of ['CommandOrControl+Shift+M', 'F5', 'Alt+Space', 'Ctrl+num3', 'Super+Plus']) {
      expect(isAccelerator(a), a).toBe(true);
    }
  });
  it('rejects malformed combinations', () => {
    for (const a of ['', 'Shift', 'Ctrl+Ctrl+M', 'Ctrl+MM', 'Hyper+M', 'Ctrl+', 'M+Ctrl']) {
      expect(isAccelerator(a), a).toBe(false);
    }
  });
  it('formats for menus per platform', () => {
    expect(formatAccelerator('CommandOrControl+Shift+m', 'linux')).toBe('Ctrl+Shift+M');
    expect(formatAccelerator('CmdOrCtrl+M', 'darwin')).toBe('Cmd+M');
  });
});
