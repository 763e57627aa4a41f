/**
 * The trusted-sender check: an IPC message is answered only when it comes from one of our own
 * windows (webContents id registered) AND from a frame showing our app origin.
 */

/** The parts of an IpcMainInvokeEvent the check needs. */
export interface SenderInfo {
  readonly webContentsId: number;
  /** URL of the frame that sent the message; null when the frame is gone. */
  readonly frameUrl: string | null;
}

export interface TrustPolicy {
  /** ids of our windows' webContents. */
  readonly webContentsIds: ReadonlySet<number>;
  /** Allowed origins, e.g. 'app://parley' (and the dev server origin in development). */
  readonly origins: readonly string[];
}

/**
 * Origin as scheme://host[:port]. URL.origin is 'null' for non-special schemes such as app:, so it
 * is built from the parts; returns null for URLs without a host (file:, about:, data:).
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

export function isTrustedSender(sender: SenderInfo, policy: TrustPolicy): boolean {
  if (!policy.webContentsIds.has(sender.webContentsId)) return false;
  if (sender.frameUrl === null) return false;
  const origin = originOf(sender.frameUrl);
  return origin !== null && policy.origins.some((o) => o.toLowerCase() === origin);
}
