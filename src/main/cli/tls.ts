/** Certificates for HTTPS/WSS: read from files, or a self-signed one made with `openssl`. */
import { execFile } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { StartupError } from './errors';
import type { TlsConfig } from './parseServeArgs';

export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  /** SHA-256 fingerprint, colon-separated hex (what browsers show). */
  readonly fingerprint256: string;
  readonly selfSigned: boolean;
  /** Certificate expiry (ISO 8601). */
  readonly validTo: string;
}

const OPENSSL_TIMEOUT_MS = 20_000;

/** Loads or creates the certificate `config` asks for; undefined when TLS is off. */
export async function loadTls(
  config: TlsConfig,
  names: { readonly hostname: string; readonly addresses: readonly string[] },
): Promise<TlsMaterial | undefined> {
  switch (config.mode) {
    case 'off':
      return undefined;
    case 'files': {
      const [cert, key] = await Promise.all([
        readPem(config.certFile, '--tls-cert'),
        readPem(config.keyFile, '--tls-key'),
      ]);
      return material(cert, key, false);
    }
    case 'self-signed':
      return material(...(await generateSelfSigned(names)), true);
  }
}

async function readPem(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new StartupError(`${flag} ${file}: cannot read (${reason})`, { cause: err });
  }
}

/** Checks that cert and key parse and belong together. */
function material(cert: string, key: string, selfSigned: boolean): TlsMaterial {
  try {
    const x509 = new X509Certificate(cert);
    createPrivateKey(key);
    createSecureContext({ cert, key }); // throws when the key does not match the certificate
    return { cert, key, fingerprint256: x509.fingerprint256, selfSigned, validTo: x509.validTo };
  } catch (err) {
    throw new StartupError(`TLS certificate or key unusable: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** Subject alternative names for the certificate: localhost, the host name and the LAN IPs. */
export function subjectAltNames(hostname: string, addresses: readonly string[]): string {
  const dns = new Set(['localhost']);
  if (/^[A-Za-z0-9.-]{1,253}$/.test(hostname)) {
    dns.add(hostname);
    if (!hostname.includes('.')) dns.add(`${hostname}.local`);
  }
  const ips = new Set(['127.0.0.1', ...addresses.filter((a) => isIP(a) !== 0)]);
  return [...[...dns].map((d) => `DNS:${d}`), ...[...ips].map((ip) => `IP:${ip}`)].join(',');
}

/** An EC P-256 key and a certificate valid for 397 days, made by the `openssl` command. */
async function generateSelfSigned(names: {
  readonly hostname: string;
  readonly addresses: readonly string[];
}): Promise<[cert: string, key: string]> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-tls-'));
  try {
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    await new Promise<void>((resolve, reject) => {
      execFile(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          keyFile,
          '-out',
          certFile,
          '-days',
          '397',
          '-subj',
          '/O=Parley/CN=Parley self-signed',
          '-addext',
          `subjectAltName=${subjectAltNames(names.hostname, names.addresses)}`,
          '-addext',
          'basicConstraints=critical,CA:FALSE',
          '-addext',
          'extendedKeyUsage=serverAuth',
        ],
        { timeout: OPENSSL_TIMEOUT_MS, windowsHide: true },
        (err, _stdout, stderr) => {
          if (!err) {
            resolve();
            return;
          }
          const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
          reject(
            new StartupError(
              missing
                ? '--tls-self-signed needs the openssl command; install OpenSSL or give --tls-cert and --tls-key'
                : `openssl could not create a certificate: ${stderr.trim().split('\n')[0] ?? err.message}`,
              { cause: err },
            ),
          );
        },
      );
    });
    return await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
