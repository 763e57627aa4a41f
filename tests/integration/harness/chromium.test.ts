import { describe, expect, it } from 'vitest';
import {
  BLOCKED_HOST_PATTERNS,
  ChromiumNotFoundError,
  chromiumArgs,
  findChromium,
  type ChromiumLookup,
} from '../../support/chromium';
import { startStaticServer } from '../../support/staticServer';
import { evaluateIn } from '../../support/pageHelpers';
import { useChromium } from '../../support/useChromium';

/** A lookup where only `present` files exist. */
function lookup(present: readonly string[], extra: Partial<ChromiumLookup> = {}): ChromiumLookup {
  return {
    env: {},
    platform: 'linux',
    exists: (path) => present.includes(path),
    playwrightPath: () => '/pw/chrome',
    ...extra,
  };
}

describe('findChromium', () => {
  it('prefers $CHROMIUM_PATH, then system paths in order, then the Playwright download', () => {
    const all = ['/mine/chrome', '/usr/bin/chromium', '/usr/bin/google-chrome', '/pw/chrome'];
    expect(findChromium(lookup(all, { env: { CHROMIUM_PATH: '/mine/chrome' } }))).toBe(
      '/mine/chrome',
    );
    expect(findChromium(lookup(all))).toBe('/usr/bin/chromium');
    expect(findChromium(lookup(all.slice(2)))).toBe('/usr/bin/google-chrome');
    expect(findChromium(lookup(['/pw/chrome']))).toBe('/pw/chrome');
    expect(
      findChromium(
        lookup(['/Applications/Chromium.app/Contents/MacOS/Chromium'], { platform: 'darwin' }),
      ),
    ).toBe('/Applications/Chromium.app/Contents/MacOS/Chromium');
  });

  it('rejects a $CHROMIUM_PATH that does not exist instead of picking another browser', () => {
    const wrong = lookup(['/usr/bin/chromium'], { env: { CHROMIUM_PATH: '/nope/chrome' } });
    expect(() => findChromium(wrong)).toThrow(
      /CHROMIUM_PATH=\/nope\/chrome \(file does not exist\)/,
    );
  });

  it('says how to get a Chromium when there is none', () => {
    let caught: unknown;
    try {
      findChromium(lookup([], { playwrightPath: () => undefined }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ChromiumNotFoundError);
    const error = caught as ChromiumNotFoundError;
    expect(error.type).toBe('chromium-not-found');
    expect(error.message).toContain('apt-get install chromium');
    expect(error.message).toContain('CHROMIUM_PATH');
    expect(error.message).toContain('npx playwright install chromium');
    expect(error.tried).toContain('/usr/bin/chromium');
  });
});

describe('chromiumArgs', () => {
  it('passes the DESIGN §6 switches and ONE merged --disable-features list', () => {
    const args = chromiumArgs({
      disableFeatures: ['WebRtcHideLocalIpsWithMdns'],
      extraArgs: ['--foo'],
    });
    for (const flag of [
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--allow-loopback-in-peer-connection',
    ]) {
      expect(args).toContain(flag);
    }
    const features = args.filter((arg) => arg.startsWith('--disable-features='));
    expect(features).toHaveLength(1);
    const list = features[0]!.slice('--disable-features='.length).split(',');
    expect(list).toEqual(
      expect.arrayContaining([
        'AutofillServerCommunication',
        'MediaRouter',
        'Translate',
        'OptimizationHints',
        'WebRtcHideLocalIpsWithMdns',
      ]),
    );
    expect(args.at(-1)).toBe('--foo');
    const rules = args.find((arg) => arg.startsWith('--host-resolver-rules='));
    expect(rules).toContain('MAP *.google.com ~NOTFOUND');
    expect(rules).toContain('MAP *.googleapis.com ~NOTFOUND');
  });

  it('adds fake capture files and refuses a second --disable-features', () => {
    const args = chromiumArgs({ fakeVideoFile: '/v.y4m', fakeAudioFile: '/a.wav' });
    expect(args).toContain('--use-file-for-fake-video-capture=/v.y4m');
    expect(args).toContain('--use-file-for-fake-audio-capture=/a.wav');
    expect(() => chromiumArgs({ extraArgs: ['--disable-features=X'] })).toThrow(/disableFeatures/);
  });
});

describe('launchChromium (real browser)', () => {
  const chrome = useChromium();

  it('runs with our switches last, so ours are the --disable-features Chromium keeps', async () => {
    const user = await chrome.newUser('version', { url: 'chrome://version' });
    const commandLine = (await user.page.locator('#command_line').textContent()) ?? '';
    const kept = [...commandLine.matchAll(/--disable-features=(\S+)/g)].at(-1)?.[1] ?? '';
    expect(kept.split(',')).toEqual(
      expect.arrayContaining(['AutofillServerCommunication', 'MediaRouter']),
    );
    expect(commandLine).toContain('--use-fake-device-for-media-stream');
  });

  it('resolves Google service hosts to nothing', async () => {
    const user = await chrome.newUser('blocked', { url: 'about:blank' });
    for (const host of BLOCKED_HOST_PATTERNS.slice(0, 3)) {
      const name = host.replace('*', 'www');
      await expect(user.page.goto(`http://${name}/`, { timeout: 15_000 })).rejects.toThrow(
        /ERR_NAME_NOT_RESOLVED/,
      );
    }
  });

  it('gives pages fake camera and microphone without a prompt', async () => {
    const site = await startStaticServer();
    try {
      const user = await chrome.newUser('media', { server: site });
      const kinds = await evaluateIn(
        user,
        async () => {
          interface Devices {
            navigator: {
              mediaDevices: {
                getUserMedia(
                  c: object,
                ): Promise<{ getTracks(): { kind: string; readyState: string }[] }>;
              };
            };
          }
          const media = (globalThis as unknown as Devices).navigator.mediaDevices;
          const stream = await media.getUserMedia({ video: true, audio: true });
          return stream.getTracks().map((t) => `${t.kind}:${t.readyState}`);
        },
        undefined,
      );
      expect(kinds.sort()).toEqual(['audio:live', 'video:live']);
    } finally {
      await site.close();
    }
  });
});
