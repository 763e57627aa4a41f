import { describe, expect, it } from 'vitest';
import { freeInstanceName } from './MeetingAdvertiser';
import { meetingFromService } from './meetingFromService';

const txt = { txtvers: '1', name: 'Standup', path: '/', key: 'peerjs', scheme: 'https', pv: '1' };
const service = {
  fqdn: 'Standup._parley._tcp.local',
  name: 'Standup',
  host: 'box',
  port: 9000,
  txt,
  addresses: ['192.168.1.20', 'fe80::1', 'not-an-ip', 42],
  referer: { address: '192.168.1.20', family: 'IPv4' as const, port: 5353, size: 200 },
};

describe('meetingFromService', () => {
  it('builds a meeting from a valid advert, keeping only IP addresses', () => {
    expect(meetingFromService(service)).toEqual({
      ok: true,
      meeting: {
        id: 'Standup._parley._tcp.local',
        name: 'Standup',
        host: 'box',
        addresses: ['192.168.1.20', 'fe80::1'],
        port: 9000,
        path: '/',
        key: 'peerjs',
        secure: true,
        protocolVersion: '1',
      },
    });
  });

  it('falls back to the sender address and the instance name', () => {
    const { name: _omit, ...noName } = txt;
    const result = meetingFromService({ ...service, addresses: [], txt: noName });
    expect(result.ok && result.meeting.addresses).toEqual(['192.168.1.20']);
    expect(result.ok && result.meeting.name).toBe('Standup');
  });

  it.each([
    [{ fqdn: undefined }, 'no service name'],
    [{ port: 0 }, 'invalid port'],
    [{ port: 1.5 }, 'invalid port'],
    [{ host: '' }, 'no host'],
    [{ txt: { ...txt, scheme: 'gopher' } }, 'invalid scheme'],
    [{ addresses: [], referer: undefined }, 'no address'],
  ])('rejects %j', (patch, reason) => {
    const result = meetingFromService({ ...service, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('freeInstanceName', () => {
  it('keeps a free name and numbers a taken one (case-insensitively)', () => {
    expect(freeInstanceName('Room', new Set())).toBe('Room');
    expect(freeInstanceName('Room', new Set(['room']))).toBe('Room (2)');
    expect(freeInstanceName('Room', new Set(['Room', 'Room (2)']))).toBe('Room (3)');
  });

  it('stays within one DNS label', () => {
    const base = 'x'.repeat(63);
    const name = freeInstanceName(base, new Set([base]));
    expect(name.endsWith(' (2)')).toBe(true);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
  });
});
