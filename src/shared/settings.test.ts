import { describe, expect, it } from 'vitest';
import { isAccelerator, formatAccelerator } from './accelerator';
import { applySettingsPatch, defaultSettings, iceServerSchema, settingsSchema } from './settings';
import { migrateSettings } from './settings-migration';

describe('settings schema', () => {
  it('accepts the defaults', () => {
    expect(settingsSchema.parse(defaultSettings())).toEqual(defaultSettings());
  });

  it('validates ICE servers: stun/turn/turns only, TURN needs credentials', () => {
    expect(iceServerSchema.safeParse({ urls: 'stun:stun.lan:3478' }).success).toBe(true);
    expect(
      iceServerSchema.safeParse({ urls: ['turns:t.lan:5349'], username: 'u', credential: 'p' })
        .success,
    ).toBe(true);
    expect(iceServerSchema.safeParse({ urls: 'turn:t.lan' }).success).toBe(false);
    expect(iceServerSchema.safeParse({ urls: 'http://t.lan' }).success).toBe(false);
    expect(iceServerSchema.safeParse({ urls: [] }).success).toBe(false);
  });

  it('merges patches one level deep and validates the result', () => {
    const next = applySettingsPatch(defaultSettings(), { devices: { cameraId: 'c' } });
    expect(next.devices).toEqual({ cameraId: 'c', microphoneId: null, speakerId: null });
    expect(() => applySettingsPatch(defaultSettings(), { hosting: { port: 1 } })).toThrow();
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
