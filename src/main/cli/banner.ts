/** The human-readable startup banner of `parley serve` (stdout; the JSON logs go to stderr). */
import type { ServerInfo } from './ParleyServer';

export function formatBanner(info: ServerInfo): string {
  const lines = [`Parley server listening on ${info.url}`, `  Local:    ${info.localUrl}`];
  for (const url of info.lanUrls) lines.push(`  LAN:      ${url}`);
  lines.push(
    `  Meeting:  ${JSON.stringify(info.name)}${info.mdns ? ' (advertised on the LAN by mDNS)' : ' (mDNS off)'}`,
  );
  if (info.web) {
    lines.push(`  Web app:  open ${info.localUrl} in Chromium, Chrome, Edge or Firefox`);
    if (!info.tls && info.lanUrls.length > 0) {
      lines.push(
        '            Browsers on other machines need HTTPS for camera and microphone: add --tls-self-signed.',
      );
    }
  } else {
    lines.push('  Web app:  not served (desktop app and PeerJS clients only)');
  }
  if (info.tls) {
    lines.push(
      `  TLS:      ${info.tls.selfSigned ? 'self-signed certificate' : 'certificate'} SHA-256 ${info.tls.fingerprint256}`,
    );
    if (info.tls.selfSigned) {
      lines.push('            Browsers will warn: accept only if this fingerprint matches.');
    }
  }
  lines.push('Press Ctrl+C to stop.');
  return lines.join('\n') + '\n';
}
