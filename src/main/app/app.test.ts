import { describe, expect, it } from 'vitest';
import { CallNotifier } from './CallNotifier';
import { deepLinkFromArgv, parseDeepLink } from './deepLink';
import { PowerSaveController } from './PowerSaveController';
import { CallStateModel } from './CallStateModel';
import { DeepLinkInbox } from './DeepLinkInbox';
import { IDLE_CALL_STATE } from '../../shared/ipc-contract';

describe('deep links', () => {
  it('accepts parley://join/<code> and normalizes case', () => {
    expect(parseDeepLink('parley://join/abc-defg-hjk')).toEqual({ code: 'abc-defg-hjk' });
    expect(parseDeepLink('PARLEY://JOIN/ABC-DEFG-HJK/')).toEqual({ code: 'abc-defg-hjk' });
  });
  it('carries the server a link names, every field checked', () => {
    expect(
      parseDeepLink(
        'parley://join/abc-defg-hjk?host=192.168.1.20&port=9000&path=%2Fmeet%2F&key=k1&secure=1',
      ),
    ).toEqual({
      code: 'abc-defg-hjk',
      server: { host: '192.168.1.20', port: 9000, path: '/meet/', key: 'k1', secure: true },
    });
    expect(parseDeepLink('parley://join/abc-defg-hjk?host=pc.local&port=9000')).toEqual({
      code: 'abc-defg-hjk',
      server: { host: 'pc.local', port: 9000, path: '/', key: 'peerjs', secure: false },
    });
    expect(parseDeepLink('parley://join/abc-defg-hjk/?host=%5Bfe80%3A%3A1%5D&port=1')).toEqual({
      code: 'abc-defg-hjk',
      server: { host: 'fe80::1', port: 1, path: '/', key: 'peerjs', secure: false },
    });
    for (const query of [
      'host=evil.example/x&port=9000',
      'host=1.2.3.4&port=0',
      'host=1.2.3.4&port=65536',
      'host=1.2.3.4&port=90a',
      'host=1.2.3.4',
      'host=1.2.3.4&port=9000&path=%2F..%2Fetc',
      'host=1.2.3.4&port=9000&key=a%20b',
      'host=1.2.3.4&port=9000&secure=yes',
      'host=1.2.3.4&port=9000&port=9001',
      'host=1.2.3.4&port=9000&token=x',
      'host=999.1.1.1&port=9000',
      'host=%E0%A4%A&port=9000',
      'host=a_b.c&port=9000',
    ]) {
      expect(parseDeepLink(`parley://join/abc-defg-hjk?${query}`), query).toBeNull();
    }
  });
  it('rejects anything else', () => {
    for (const bad of [
      'parley://join/',
      'parley://leave/abc',
      'parley://join/abc?x=1',
      'parley://join/abc#x',
      'parley://join/<script>',
      'parley://join/a%2F..%2Fb',
      'parley://join/a/b',
      `parley://join/${'a'.repeat(65)}`,
      'https://join/abc',
      'not a url',
    ]) {
      expect(parseDeepLink(bad), bad).toBeNull();
    }
  });
  it('finds the link among command-line arguments', () => {
    expect(
      deepLinkFromArgv(['/opt/Parley/parley', '--no-sandbox', 'parley://join/abc-def']),
    ).toEqual({ code: 'abc-def' });
    expect(deepLinkFromArgv(['/opt/Parley/parley', 'parley://join/../../x'])).toBeNull();
  });
});

describe('PowerSaveController', () => {
  it('blocks display sleep only while in a call', () => {
    const calls: string[] = [];
    let next = 1;
    const ctl = new PowerSaveController({
      start: (type) => (calls.push(`start:${type}`), next++),
      stop: (id) => calls.push(`stop:${id}`),
    });
    ctl.update(true);
    ctl.update(true);
    expect(ctl.blocking).toBe(true);
    ctl.update(false);
    ctl.update(false);
    ctl.update(true);
    ctl.dispose();
    expect(calls).toEqual([
      'start:prevent-display-sleep',
      'stop:1',
      'start:prevent-display-sleep',
      'stop:2',
    ]);
  });
});

describe('CallNotifier', () => {
  it('notifies only when unfocused and throttles bursts per kind', () => {
    let focused = true;
    let now = 0;
    const shown: string[] = [];
    const n = new CallNotifier({
      isFocused: () => focused,
      isSupported: () => true,
      show: (t) => shown.push(t),
      now: () => now,
    });
    expect(n.notify({ kind: 'chat', title: 'a', body: '' })).toBe(false);
    focused = false;
    expect(n.notify({ kind: 'chat', title: 'b', body: '' })).toBe(true);
    expect(n.notify({ kind: 'chat', title: 'c', body: '' })).toBe(false);
    expect(n.notify({ kind: 'join', title: 'd', body: '' })).toBe(true);
    now = 3000;
    expect(n.notify({ kind: 'chat', title: 'e', body: '' })).toBe(true);
    expect(shown).toEqual(['b', 'd', 'e']);
  });
  it('does nothing where notifications are unsupported', () => {
    const n = new CallNotifier({
      isFocused: () => false,
      isSupported: () => false,
      show: () => {
        throw new Error('no');
      },
    });
    expect(n.notify({ kind: 'join', title: 'x', body: '' })).toBe(false);
  });
});

describe('CallStateModel', () => {
  it('emits only on real changes and resets to idle', () => {
    const m = new CallStateModel();
    const seen: boolean[] = [];
    m.on('call-state', (s) => seen.push(s.inCall));
    m.setState({ ...IDLE_CALL_STATE, inCall: true });
    m.setState({ ...IDLE_CALL_STATE, inCall: true });
    m.reset();
    expect(seen).toEqual([true, false]);
  });
});

describe('DeepLinkInbox', () => {
  it('holds links until the page is ready, latest wins, each delivered once', () => {
    const delivered: string[] = [];
    const inbox = new DeepLinkInbox((l) =>
      delivered.push(l.server ? `${l.code}@${l.server.host}` : l.code),
    );
    inbox.receive({ code: 'aaa-bbbb-ccc' });
    inbox.receive({ code: 'ddd-eeee-fff' });
    expect(delivered).toEqual([]);
    inbox.setReady(true);
    inbox.setReady(true);
    expect(delivered).toEqual(['ddd-eeee-fff']);
    inbox.receive({ code: 'ggg' });
    inbox.setReady(false);
    const server = { host: '10.0.0.2', port: 9000, path: '/', key: 'peerjs', secure: false };
    inbox.receive({ code: 'hhh', server });
    expect(inbox.pending).toEqual({ code: 'hhh', server });
    inbox.setReady(true);
    expect(delivered).toEqual(['ddd-eeee-fff', 'ggg', 'hhh@10.0.0.2']);
  });
});
