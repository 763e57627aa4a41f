import { describe, expect, it } from 'vitest';
import { Client, type ClientSocket } from '../models/Client';
import { Realm } from '../models/Realm';
import { HeartbeatChecker } from './HeartbeatChecker';

const socket: ClientSocket = {
  readyState: 1,
  bufferedAmount: 0,
  send: () => undefined,
  close: () => undefined,
  terminate: () => undefined,
  pause: () => undefined,
  resume: () => undefined,
};

describe('HeartbeatChecker', () => {
  it('hands over clients silent for aliveTimeout or longer', () => {
    const realm = new Realm();
    const dropped: string[] = [];
    const checker = new HeartbeatChecker({
      realm,
      aliveTimeout: 1_000,
      onTimeout: (c) => {
        dropped.push(c.id);
        realm.remove(c);
      },
    });
    realm.set(new Client('old', 't', socket, 'ip', 0));
    realm.set(new Client('fresh', 't', socket, 'ip', 500));
    expect(checker.check(999)).toBe(0);
    expect(checker.check(1_000)).toBe(1);
    expect(dropped).toEqual(['old']);
    expect(realm.ids()).toEqual(['fresh']);
  });

  it('any frame refreshes lastSeen', () => {
    const realm = new Realm();
    const checker = new HeartbeatChecker({ realm, aliveTimeout: 100, onTimeout: () => undefined });
    const c = new Client('a', 't', socket, 'ip', 0);
    realm.set(c);
    c.lastSeen = 90;
    expect(checker.check(150)).toBe(0);
    expect(checker.check(190)).toBe(1);
  });

  it('sweeps on one timer, scaled to the timeout', async () => {
    const realm = new Realm();
    const dropped: string[] = [];
    const checker = new HeartbeatChecker({
      realm,
      aliveTimeout: 100,
      onTimeout: (c) => {
        dropped.push(c.id);
        realm.remove(c);
      },
    });
    expect(checker.interval).toBe(25);
    expect(
      new HeartbeatChecker({ realm, aliveTimeout: 60_000, onTimeout: () => undefined }).interval,
    ).toBe(1_000);
    realm.set(new Client('a', 't', socket, 'ip', Date.now()));
    checker.start();
    try {
      await expect.poll(() => dropped).toEqual(['a']);
    } finally {
      checker.stop();
    }
  });
});
