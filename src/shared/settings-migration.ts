/**
 * Turns whatever a settings file holds into valid Settings: migrates older layouts step by step,
 * then keeps every valid section and replaces each invalid one with its default, saying why.
 */
import { MAX_ICE_SERVERS } from './ice';
import {
  DEFAULT_SERVER_PORT,
  SETTINGS_SCHEMA_VERSION,
  defaultSettings,
  iceServerSchema,
  settingsSchema,
} from './settings';
import type { Settings } from './settings';

export interface MigrationResult {
  /** Valid settings (never throws). */
  readonly settings: Settings;
  /** Human-readable problems found; empty when the input was valid and current. */
  readonly issues: readonly string[];
  /** True when the stored file should be rewritten (migrated or repaired). */
  readonly changed: boolean;
}

type Raw = Record<string, unknown>;

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * Version 1 (Parley 0.0.x) kept a flat layout: { name, port, stunServers: string[], camera,
 * microphone, speaker, theme }. Files without schemaVersion are version 1.
 */
function fromV1(v1: Raw): Raw {
  const stun = Array.isArray(v1.stunServers) ? v1.stunServers : [];
  return {
    schemaVersion: 2,
    displayName: v1.name,
    devices: {
      cameraId: str(v1.camera),
      microphoneId: str(v1.microphone),
      speakerId: str(v1.speaker),
    },
    iceServers: stun.filter((u) => typeof u === 'string').map((urls) => ({ urls })),
    hosting: {
      enabled: v1.hosting !== false,
      port: v1.port ?? DEFAULT_SERVER_PORT,
      meetingName: '',
    },
    shortcuts: defaultSettings().shortcuts,
    theme: v1.theme,
  };
}

/**
 * Keeps each valid ICE server of a stored list and drops (and reports) each invalid one, so one
 * server that a stricter check now rejects does not wipe the others. Not an array: left as is
 * for the section check to report.
 */
function keepValidIceServers(list: unknown, issues: string[]): unknown {
  if (!Array.isArray(list)) return list;
  const kept: unknown[] = [];
  list.forEach((server: unknown, i) => {
    const result = iceServerSchema.safeParse(server);
    if (!result.success) {
      const why = result.error.issues
        .map((issue) => `${issue.path.join('.') || 'value'} ${issue.message}`)
        .join('; ');
      issues.push(`iceServers.${i}: ${why}; server dropped`);
    } else if (kept.length >= MAX_ICE_SERVERS) {
      issues.push(`iceServers.${i}: more than ${MAX_ICE_SERVERS} servers; server dropped`);
    } else kept.push(result.data);
  });
  return kept;
}

/** Version 2 had no notification choices: every notification was shown, and still is. */
function fromV2(v2: Raw): Raw {
  return { ...v2, schemaVersion: 3, notifications: defaultSettings().notifications };
}

const MIGRATIONS: Readonly<Record<number, (raw: Raw) => Raw>> = { 1: fromV1, 2: fromV2 };

export function migrateSettings(input: unknown): MigrationResult {
  const defaults = defaultSettings();
  if (!isRecord(input)) {
    return {
      settings: defaults,
      issues: ['the settings file does not hold an object'],
      changed: true,
    };
  }
  const issues: string[] = [];
  let raw = input;
  const stored = raw.schemaVersion === undefined ? 1 : raw.schemaVersion;
  let version = SETTINGS_SCHEMA_VERSION;
  if (typeof stored === 'number' && Number.isInteger(stored) && stored >= 1) version = stored;
  else issues.push(`unknown schemaVersion ${JSON.stringify(stored)}`);
  if (version > SETTINGS_SCHEMA_VERSION) {
    issues.push(`settings were written by a newer Parley (schemaVersion ${version})`);
  }
  const migrated = version < SETTINGS_SCHEMA_VERSION;
  while (version < SETTINGS_SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) break;
    raw = step(raw);
    version += 1;
  }
  if ('iceServers' in raw)
    raw = { ...raw, iceServers: keepValidIceServers(raw.iceServers, issues) };
  const settings: Raw = { ...defaults };
  for (const key of Object.keys(settingsSchema.shape) as (keyof Settings)[]) {
    if (key === 'schemaVersion') continue;
    if (!(key in raw)) continue;
    const result = settingsSchema.shape[key].safeParse(raw[key]);
    if (result.success) settings[key] = result.data;
    else
      issues.push(
        `${key}: ${result.error.issues.map((i) => `${i.path.join('.') || 'value'} ${i.message}`).join('; ')}`,
      );
  }
  for (const key of Object.keys(raw)) {
    if (!(key in settingsSchema.shape)) issues.push(`${key}: unknown setting, dropped`);
  }
  return {
    settings: settingsSchema.parse(settings),
    issues,
    changed: migrated || issues.length > 0,
  };
}
