import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { WebHostBridge } from '../host/WebHostBridge';
import { provideAppHost } from './hostPort';
import { describeSaveError, issueField, parseIceDraft, useSettingsStore } from './settings';

describe('ICE server drafts', () => {
  it('accepts STUN and TURN rows, splitting URLs on commas and spaces', () => {
    expect(parseIceDraft({ urls: 'stun:10.0.0.1:3478', username: '', credential: '' })).toEqual({
      value: { urls: ['stun:10.0.0.1:3478'] },
    });
    expect(
      parseIceDraft({
        urls: 'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349',
        username: 'u',
        credential: 'p',
      }).value?.urls,
    ).toEqual(['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349']);
  });

  it('says what is wrong, per field', () => {
    expect(parseIceDraft({ urls: ' ', username: '', credential: '' }).error).toMatch(
      /at least one/,
    );
    expect(parseIceDraft({ urls: 'http://x', username: '', credential: '' }).error).toMatch(
      /^URL: must start with stun:/,
    );
    expect(parseIceDraft({ urls: 'turn:x.example', username: '', credential: '' }).error).toMatch(
      /TURN server needs both "username" and "credential"/,
    );
    expect(
      parseIceDraft({ urls: 'stun:x.example:99999', username: '', credential: '' }).error,
    ).toMatch(/invalid port/);
  });
});

/** A fresh Pinia and a web host on 127.0.0.1:9000 keeping its settings in memory. */
function useWebHost(): void {
  setActivePinia(createPinia());
  const storage = new Map<string, string>();
  provideAppHost(
    new WebHostBridge(
      { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => storage.set(k, v) },
      { origin: 'http://127.0.0.1:9000', port: '9000', protocol: 'http:', hostname: '127.0.0.1' },
      { fetch: () => Promise.resolve(Response.json({ status: 'ok' })) },
    ),
  );
}

describe('settings store', () => {
  it('loads through the host, saves patches and feeds the device selection store', async () => {
    useWebHost();
    const settings = useSettingsStore();
    await settings.load();
    expect(settings.theme).toBe('system');
    await settings.patch({ displayName: 'Ada', theme: 'dark' });
    expect([settings.displayName, settings.theme]).toEqual(['Ada', 'dark']);
    await settings.deviceSelectionStore.save({ cameraId: 'c', microphoneId: null, speakerId: 's' });
    expect(settings.deviceSelectionStore.load()).toEqual({
      cameraId: 'c',
      microphoneId: null,
      speakerId: 's',
    });
    await expect(settings.patch({ hosting: { port: 80 } })).rejects.toMatchObject({
      type: 'invalid-settings',
    });
    expect(settings.settings?.hosting.port).toBe(9000);
  });
});

describe('save errors next to their fields', () => {
  it('maps host issues to form fields', () => {
    expect(issueField('iceServers.0.urls.1: must start with stun:')).toEqual({
      field: 'iceServers.0',
      message: 'must start with stun:',
    });
    expect(issueField('hosting.port: Too small')).toEqual({
      field: 'hosting.port',
      message: 'Too small',
    });
    expect(issueField('displayName: too long')).toEqual({
      field: 'displayName',
      message: 'too long',
    });
    expect(issueField('something odd')).toEqual({ field: '', message: 'something odd' });
  });

  it('keeps the message and the first issue per field of a rejected save', () => {
    const error = Object.assign(new Error('invalid settings'), {
      issues: ['hosting.port: a', 'hosting.port: b', 'shortcuts.muteGlobal: c', 42],
    });
    expect(describeSaveError(error)).toEqual({
      message: 'invalid settings',
      fields: { 'hosting.port': 'a', 'shortcuts.muteGlobal': 'c' },
    });
    expect(describeSaveError('boom')).toEqual({ message: 'boom', fields: {} });
  });
});

describe('ICE servers: what the form accepts, the host saves', () => {
  it('saves stuns: URLs and long credentials the form accepts, and rejects what it rejects', async () => {
    useWebHost();
    const settings = useSettingsStore();
    await settings.load();
    const long = 'x'.repeat(500);
    const rows = [
      { urls: 'stuns:stun.example.org:5349', username: '', credential: '' },
      { urls: 'turn:t.example.org:3478?transport=tcp', username: long, credential: long },
      ...Array.from({ length: 18 }, (_, i) => ({
        urls: `stun:s${i}.lan`,
        username: '',
        credential: '',
      })),
    ];
    const accepted = rows.map(parseIceDraft);
    expect(accepted.every((r) => r.value !== undefined)).toBe(true);
    await settings.patch({ iceServers: accepted.flatMap((r) => (r.value ? [r.value] : [])) });
    expect(settings.iceServers).toHaveLength(20);
    expect(settings.iceServers[1]).toEqual({
      urls: ['turn:t.example.org:3478?transport=tcp'],
      username: long,
      credential: long,
    });

    const rejected = parseIceDraft({
      urls: 'turn:t.lan?transport=tls',
      username: 'u',
      credential: 'p',
    });
    expect(rejected.error).toMatch(/transport=udp/);
    await expect(
      settings.patch({
        iceServers: [{ urls: ['turn:t.lan?transport=tls'], username: 'u', credential: 'p' }],
      }),
    ).rejects.toMatchObject({ type: 'invalid-settings' });
    expect(settings.iceServers).toHaveLength(20);
  });
});
