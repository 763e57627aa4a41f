/** Turns desktopCapturer sources into the contract's ScreenSource (plain data for the picker). */
import type { ScreenSource } from '../../shared/ipc-contract';

/** The fields of Electron's DesktopCapturerSource used here. */
export interface CapturerSourceLike {
  readonly id: string;
  readonly name: string;
  readonly thumbnail: { toDataURL(): string; isEmpty(): boolean };
  readonly appIcon: { toDataURL(): string; isEmpty(): boolean } | null;
}

export function toScreenSource(source: CapturerSourceLike): ScreenSource {
  return {
    id: source.id,
    name: source.name,
    kind: source.id.startsWith('screen:') ? 'screen' : 'window',
    thumbnailDataUrl: source.thumbnail.isEmpty() ? '' : source.thumbnail.toDataURL(),
    appIconDataUrl: source.appIcon && !source.appIcon.isEmpty() ? source.appIcon.toDataURL() : null,
  };
}
