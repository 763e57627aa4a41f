/** Turns a bonjour-service `Service` (built from untrusted packets) into a `DiscoveredMeeting`. */
import type { Service } from 'bonjour-service';
import { isIP } from 'node:net';
import { decodeMeetingTxt } from './txt';
import type { DiscoveredMeeting } from './types';

export type MeetingParseResult =
  | { readonly ok: true; readonly meeting: DiscoveredMeeting }
  | { readonly ok: false; readonly id: string; readonly reason: string };

/** Fields of a Service we read; typed loosely because the values come off the wire. */
type ServiceFields = Partial<
  Pick<Service, 'fqdn' | 'name' | 'host' | 'port' | 'txt' | 'referer'>
> & {
  readonly addresses?: unknown;
};

export function meetingFromService(service: ServiceFields): MeetingParseResult {
  const id = typeof service.fqdn === 'string' ? service.fqdn : '';
  const fail = (reason: string): MeetingParseResult => ({ ok: false, id, reason });
  if (id.length === 0) return fail('no service name');
  const port: unknown = service.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    return fail(`invalid port ${JSON.stringify(port ?? null)}`);
  }
  const host: unknown = service.host;
  if (typeof host !== 'string' || host.length === 0) return fail('no host');
  const txt = decodeMeetingTxt(service.txt);
  if (!txt.ok) return fail(txt.reason);

  const listed: unknown = service.addresses;
  const addresses = Array.isArray(listed)
    ? listed.filter((a): a is string => typeof a === 'string' && isIP(a) !== 0)
    : [];
  // bonjour-service publishes A records only for non-internal interfaces; fall back to the sender.
  const from: unknown = service.referer?.address;
  if (addresses.length === 0 && typeof from === 'string' && isIP(from) !== 0) addresses.push(from);
  if (addresses.length === 0) return fail('no address');

  const instance = typeof service.name === 'string' ? service.name : (id.split('.')[0] ?? id);
  return {
    ok: true,
    meeting: {
      id,
      name: txt.txt.name ?? instance,
      host,
      addresses: [...new Set(addresses)],
      port,
      path: txt.txt.path,
      key: txt.txt.key,
      secure: txt.txt.secure,
      protocolVersion: txt.txt.protocolVersion,
    },
  };
}
