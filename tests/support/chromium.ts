/**
 * Finds and launches the Chromium that every browser test uses (DESIGN.md §6).
 *
 * Lookup order: $CHROMIUM_PATH, the system chromium/chrome, Playwright's own download. With none,
 * findChromium() throws with instructions: a browser test never passes silently.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where a Chromium may be installed, per platform, after $CHROMIUM_PATH. */
const SYSTEM_CHROMIUM_PATHS: Readonly<Record<string, readonly string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files\\Chromium\\Application\\chrome.exe',
  ],
};

/** What findChromium() looks at; injectable so the lookup order can be tested. */
export interface ChromiumLookup {
  /** Environment to read CHROMIUM_PATH from. Default: process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Platform whose system paths are tried. Default: process.platform. */
  readonly platform?: NodeJS.Platform;
  /** Whether a file exists. Default: fs.existsSync. */
  readonly exists?: (path: string) => boolean;
  /** Playwright's download location. Default: playwright-core's chromium.executablePath(). */
  readonly playwrightPath?: () => string | undefined;
}

/** Thrown when no Chromium can be found; the message says how to get one. */
export class ChromiumNotFoundError extends Error {
  override readonly name = 'ChromiumNotFoundError';
  readonly type = 'chromium-not-found';

  constructor(readonly tried: readonly string[]) {
    super(
      'No Chromium found for the browser tests. Tried:\n' +
        tried.map((path) => `  - ${path}`).join('\n') +
        '\nInstall one (Debian/Ubuntu: `sudo apt-get install chromium`), or set CHROMIUM_PATH to a ' +
        'Chromium/Chrome executable, or download Playwright’s: `npx playwright install chromium`.',
    );
  }
}

function playwrightExecutablePath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined; // playwright-core throws when it has no build for this platform
  }
}

/** The path of a Chromium executable, or a ChromiumNotFoundError saying how to get one. */
export function findChromium(lookup: ChromiumLookup = {}): string {
  const env = lookup.env ?? process.env;
  const exists = lookup.exists ?? existsSync;
  const tried: string[] = [];
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (exists(fromEnv)) return fromEnv;
    // An explicit choice that is wrong is an error, not a reason to pick another browser.
    throw new ChromiumNotFoundError([`$CHROMIUM_PATH=${fromEnv} (file does not exist)`]);
  }
  tried.push('$CHROMIUM_PATH (unset)');
  for (const path of SYSTEM_CHROMIUM_PATHS[lookup.platform ?? process.platform] ?? []) {
    if (exists(path)) return path;
    tried.push(path);
  }
  const downloaded = (lookup.playwrightPath ?? playwrightExecutablePath)();
  if (downloaded !== undefined) {
    if (exists(downloaded)) return downloaded;
    tried.push(`${downloaded} (Playwright download)`);
  }
  throw new ChromiumNotFoundError(tried);
}

/**
 * Google service hosts Chromium contacts on its own (updates, accounts, autofill, optimization
 * guide, safe browsing). Mapped to nothing so a test proves Parley sends nothing off the LAN.
 */
export const BLOCKED_HOST_PATTERNS: readonly string[] = [
  'google.com',
  '*.google.com',
  '*.googleapis.com',
  '*.gstatic.com',
  '*.gvt1.com',
  '*.gvt2.com',
  '*.googleusercontent.com',
  '*.google-analytics.com',
  '*.googletagmanager.com',
  '*.doubleclick.net',
  '*.googlevideo.com',
  '*.chromium.org',
];

/**
 * Features turned off, in ONE list: Chromium keeps only the last --disable-features, and
 * Playwright passes its own list first, so ours repeats the ones Playwright needs.
 */
export const DISABLED_FEATURES: readonly string[] = [
  // Playwright's own list (playwright-core chromiumSwitches.ts).
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  // Ours: nothing may leave the LAN.
  'AutofillServerCommunication',
  'Translate',
  'DialMediaRouteProvider',
  'CertificateTransparencyComponentUpdater',
  'InterestFeedContentSuggestions',
  'OptimizationGuideModelDownloading',
];

/** Options of launchChromium(); every field is optional. */
export interface LaunchChromiumOptions {
  /**
   * Run without a window. Default: true, or false when $PARLEY_HEADLESS=0 (to watch a test, or
   * under xvfb-run in CI); `false` needs a display.
   */
  readonly headless?: boolean;
  /** A .y4m or .mjpeg file the fake camera plays. Default: Chromium's generated test pattern. */
  readonly fakeVideoFile?: string;
  /** A .wav file the fake microphone plays. Default: Chromium's generated beep. */
  readonly fakeAudioFile?: string;
  /** Extra features to disable, merged into the single --disable-features switch. */
  readonly disableFeatures?: readonly string[];
  /** More switches, appended last. Do not pass --disable-features here: use disableFeatures. */
  readonly extraArgs?: readonly string[];
  /** The executable. Default: findChromium(). */
  readonly executablePath?: string;
  /** Browser launch timeout in ms. Default: 60 000 (a loaded 2-core machine is slow). */
  readonly timeoutMs?: number;
}

/** The command-line switches launchChromium() passes, in order. */
export function chromiumArgs(options: LaunchChromiumOptions = {}): string[] {
  const extra = options.extraArgs ?? [];
  const stray = extra.find((arg) => arg.startsWith('--disable-features'));
  if (stray !== undefined) {
    throw new Error(`pass features to disable in options.disableFeatures, not as "${stray}"`);
  }
  const features = [...new Set([...DISABLED_FEATURES, ...(options.disableFeatures ?? [])])];
  const args = [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
    `--host-resolver-rules=${BLOCKED_HOST_PATTERNS.map((host) => `MAP ${host} ~NOTFOUND`).join(', ')}`,
    `--disable-features=${features.join(',')}`,
  ];
  if (options.fakeVideoFile !== undefined) {
    args.push(`--use-file-for-fake-video-capture=${options.fakeVideoFile}`);
  }
  if (options.fakeAudioFile !== undefined) {
    args.push(`--use-file-for-fake-audio-capture=${options.fakeAudioFile}`);
  }
  return [...args, ...extra];
}

/** Launches Chromium through playwright-core with the test switches of DESIGN.md §6. */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: options.executablePath ?? findChromium(),
    headless: options.headless ?? process.env.PARLEY_HEADLESS !== '0',
    args: chromiumArgs(options),
    timeout: options.timeoutMs ?? 60_000,
  });
}
