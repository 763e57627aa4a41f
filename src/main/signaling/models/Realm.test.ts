import { describe, expect, it } from 'vitest';
import { Client, type ClientSocket } from './Client';
import { Realm } from './Realm';

/** A socket stand-in: the realm only stores it. */
const socket: ClientSocket = {
  readyState: 1,
  bufferedAmount: 0,
  send: () => undefined,
  close: () => undefined,
  terminate: () => undefined,
  pause: () => undefined,
  resume: () => undefined,
};

describe('Realm', () => {
  it('registers, finds and removes clients by id', () => {
    const realm = new Realm();
    const a = new Client('a', 't', socket, '127.0.0.1', 0);
    realm.set(a);
    expect(realm.get('a')).toBe(a);
    expect(realm.size).toBe(1);
    expect(realm.ids()).toEqual(['a']);
    expect(realm.remove(a)).toBe(true);
    expect(a.active).toBe(false);
    expect(realm.get('a')).toBeUndefined();
    expect(realm.remove(a)).toBe(false);
  });

  it('a replacing client makes the old one inactive; removing the old one is a no-op', () => {
    const realm = new Realm();
    const old = new Client('a', 't', socket, 'ip', 0);
    const fresh = new Client('a', 't', socket, 'ip', 1);
    realm.set(old);
    realm.set(fresh);
    expect(old.active).toBe(false);
    expect(fresh.active).toBe(true);
    expect(realm.remove(old)).toBe(false);
    expect(realm.get('a')).toBe(fresh);
  });

  it('generates ids nobody has', () => {
    const sequence = ['taken', 'taken', 'free'];
    const realm = new Realm(() => sequence.shift() ?? 'none');
    realm.set(new Client('taken', 't', socket, 'ip', 0));
    expect(realm.generateId()).toBe('free');
    expect(new Realm().generateId()).toMatch(/^[0-9a-f-]{36}$/);
  });
});
