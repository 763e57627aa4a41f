import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../../src/main/app/appIdentity';
import { REPO_ROOT } from '../support/electronBinary';
import { loadBuilderConfig, validateBuilderConfig } from './builderConfig';

const config = loadBuilderConfig();

describe('electron-builder config', () => {
  it("validates against electron-builder's own JSON schema", () => {
    expect(validateBuilderConfig(config)).toEqual([]);
  });

  it('the schema check is real: an unknown key and a wrong type are rejected', () => {
    expect(validateBuilderConfig({ ...config, bogusOption: true }).join()).toMatch(
      /additional properties/,
    );
    expect(validateBuilderConfig({ ...config, asar: 'yes please' }).length).toBeGreaterThan(0);
  });

  it('sets every Electron fuse the security checklist asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('packs only the desktop build output and package.json', () => {
    expect(config.files).toEqual([
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
      'package.json',
      '!**/*.map',
    ]);
  });

  it('uses the appId the main process gives Windows (AppUserModelID for notifications)', () => {
    expect(config.appId).toBe(APP_ID);
  });

  it('targets AppImage + deb, NSIS and dmg, with the parley:// scheme on every platform', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.protocols).toEqual([{ name: 'Parley', schemes: ['parley'] }]);
    // The desktop entry's MimeType comes from `protocols` (see packaging.test.ts).
    expect(config.linux.desktop.entry.MimeType).toBeUndefined();
    expect(config.extraMetadata).toEqual({ desktopName: 'parley.desktop' });
  });

  it('the deb depends on what Electron loads, xdg-utils (links, deep links) and ALSA', () => {
    const deb = config.deb as { depends: string[] };
    for (const lib of ['libgtk-3-0', 'libnss3', 'libnotify4', 'xdg-utils', 'libasound2', 'libgbm1'])
      expect(deb.depends, lib).toContain(lib);
  });

  it('explains camera, microphone and LAN use on macOS and declares the Bonjour service', () => {
    const info = config.mac.extendInfo;
    for (const key of [
      'NSCameraUsageDescription',
      'NSMicrophoneUsageDescription',
      'NSLocalNetworkUsageDescription',
    ]) {
      expect(typeof info[key] === 'string' && info[key].length > 20, key).toBe(true);
    }
    expect(info.NSBonjourServices).toEqual(['_parley._tcp']);
    const entitlements = readFileSync(join(REPO_ROOT, String(config.mac.entitlements)), 'utf8');
    expect(entitlements).toMatch(/com\.apple\.security\.device\.camera/);
    expect(entitlements).toMatch(/com\.apple\.security\.device\.audio-input/);
  });

  it('has icons for every platform in resources/', () => {
    const png = (f: string) => readFileSync(join(REPO_ROOT, f)).subarray(0, 8).toString('hex');
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(png(`resources/icons/${size}x${size}.png`)).toBe('89504e470d0a1a0a');
      const ihdr = readFileSync(join(REPO_ROOT, `resources/icons/${size}x${size}.png`));
      expect([ihdr.readUInt32BE(16), ihdr.readUInt32BE(20)]).toEqual([size, size]);
    }
    const ico = readFileSync(join(REPO_ROOT, String(config.win.icon)));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 6]);
    const icns = readFileSync(join(REPO_ROOT, String(config.mac.icon)));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(existsSync(join(REPO_ROOT, String(config.linux.icon)))).toBe(true);
  });
});
