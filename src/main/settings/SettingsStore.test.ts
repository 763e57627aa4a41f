import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_VERSION, defaultSettings } from '../../shared/settings';
import { SettingsValidationError } from './errors';
import type { SettingsWarning } from './events';
import { SettingsStore } from './SettingsStore';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const store = (): SettingsStore =>
  new SettingsStore({ dir, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
const fileJson = async (): Promise<unknown> =>
  JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));

describe('SettingsStore', () => {
  it('starts with defaults when no file exists, without warnings', async () => {
    const s = store();
    const { settings, warnings } = await s.load();
    expect(settings).toEqual(defaultSettings());
    expect(warnings).toEqual([]);
  });

  it('round-trips a patch through the file', async () => {
    const a = store();
    await a.load();
    await a.patch({ displayName: 'Ada', hosting: { port: 9100 } });
    const b = store();
    const { settings } = await b.load();
    expect(settings.displayName).toBe('Ada');
    expect(settings.hosting).toEqual({ enabled: true, port: 9100, meetingName: '' });
  });

  it('moves a corrupt JSON file aside, warns clearly and uses defaults', async () => {
    await writeFile(join(dir, 'settings.json'), '{"displayName": "Ada",');
    const s = store();
    const emitted: SettingsWarning[] = [];
    s.on('warning', (w) => emitted.push(w));
    const { settings, warnings } = await s.load();
    expect(settings).toEqual(defaultSettings());
    expect(warnings).toHaveLength(1);
    expect(emitted).toEqual(warnings);
    expect(warnings[0]!.message).toMatch(/not valid JSON.*default settings are used/);
    const backup = join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-000Z');
    expect(warnings[0]!.backupPath).toBe(backup);
    expect(await readFile(backup, 'utf8')).toBe('{"displayName": "Ada",');
    expect(await fileJson()).toEqual(defaultSettings());
  });

  it('resets only the invalid section of a hand-edited file and keeps the original aside', async () => {
    const edited = {
      ...defaultSettings(),
      displayName: 'Ada',
      hosting: { enabled: true, port: 80, meetingName: 'x' },
    };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(edited));
    const { settings, warnings } = await store().load();
    expect(settings.displayName).toBe('Ada');
    expect(settings.hosting).toEqual(defaultSettings().hosting);
    expect(warnings[0]!.issues.join()).toMatch(/hosting: port/);
    expect(warnings[0]!.message).toMatch(/invalid values/);
    const names = await readdir(dir);
    expect(names.filter((n) => n.includes('.corrupt-'))).toHaveLength(1);
    expect((await fileJson()) as object).toMatchObject({
      displayName: 'Ada',
      hosting: { port: 9000 },
    });
  });

  it('migrates a version 1 file without warnings', async () => {
    const v1 = {
      name: 'Grace',
      port: 9200,
      stunServers: ['stun:10.0.0.1:3478'],
      camera: 'cam-1',
      theme: 'dark',
    };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(v1));
    const { settings, warnings } = await store().load();
    expect(warnings).toEqual([]);
    expect(settings).toMatchObject({
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      displayName: 'Grace',
      hosting: { enabled: true, port: 9200 },
      iceServers: [{ urls: 'stun:10.0.0.1:3478' }],
      devices: { cameraId: 'cam-1', microphoneId: null, speakerId: null },
      theme: 'dark',
      notifications: { chat: true, joins: true },
    });
    expect(await fileJson()).toEqual(settings);
  });

  it('migrates a version 2 file without warnings and rewrites it as version 3', async () => {
    const v2 = {
      schemaVersion: 2,
      displayName: 'Grace',
      devices: { cameraId: null, microphoneId: 'mic-1', speakerId: null },
      iceServers: [],
      hosting: { enabled: false, port: 9200, meetingName: 'Lab' },
      shortcuts: { muteGlobal: 'CommandOrControl+Shift+M', pushToTalk: 'Space' },
      theme: 'light',
    };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(v2));
    const { settings, warnings } = await store().load();
    expect(warnings).toEqual([]);
    expect(settings).toEqual({
      ...v2,
      schemaVersion: 3,
      notifications: { chat: true, joins: true },
    });
    expect(await fileJson()).toEqual(settings);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('round-trips the notification choices through the file', async () => {
    const a = store();
    await a.load();
    await a.patch({ notifications: { chat: false } });
    const { settings } = await store().load();
    expect(settings.notifications).toEqual({ chat: false, joins: true });
  });

  it('rejects an invalid patch with the field named and keeps the file as it was', async () => {
    const s = store();
    await s.load();
    await s.patch({ displayName: 'Ada' });
    const before = await readFile(s.path, 'utf8');
    await expect(s.patch({ iceServers: [{ urls: 'turn:10.0.0.1' }] })).rejects.toThrow(
      SettingsValidationError,
    );
    await expect(s.patch({ hosting: { port: 'x' } })).rejects.toThrow(/hosting\.port/);
    await expect(s.patch({ bogus: 1 })).rejects.toThrow(/bogus/);
    await expect(s.set(null)).rejects.toThrow(SettingsValidationError);
    expect(await readFile(s.path, 'utf8')).toBe(before);
    expect(s.get().displayName).toBe('Ada');
  });

  it('ignores and removes a temp file left by a crash mid-write', async () => {
    const good = { ...defaultSettings(), displayName: 'Ada' };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(good));
    await writeFile(join(dir, 'settings.json.tmp-999-1'), '{"displayName": "Half-writ');
    const { settings, warnings } = await store().load();
    expect(settings.displayName).toBe('Ada');
    expect(warnings).toEqual([]);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('serializes concurrent writes in call order, none lost, no temp files left', async () => {
    const s = store();
    await s.load();
    const changes: string[] = [];
    s.on('change', (next) => changes.push(next.displayName));
    await Promise.all([
      s.patch({ displayName: 'one' }),
      s.patch({ hosting: { port: 9300 } }),
      s.patch({ displayName: 'two' }),
      s.patch({ theme: 'light' }),
    ]);
    expect(changes).toEqual(['one', 'one', 'two', 'two']);
    expect(await fileJson()).toMatchObject({
      displayName: 'two',
      hosting: { port: 9300 },
      theme: 'light',
    });
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('emits change with the previous value, and nothing for a no-op patch', async () => {
    const s = store();
    await s.load();
    const seen: [string, string][] = [];
    s.on('change', (next, prev) => seen.push([prev.theme, next.theme]));
    await s.patch({ theme: 'dark' });
    await s.patch({ theme: 'dark' });
    expect(seen).toEqual([['system', 'dark']]);
  });
});
