/**
 * Persisted settings: validated on load and on every change, written atomically (temp file +
 * fsync + rename), writes serialized in call order. Pure Node: the directory is injected (Electron's
 * userData in the app, a config dir for `parley serve`).
 */
import { EventEmitter } from 'node:events';
import { open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  applySettingsPatch,
  defaultSettings,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
} from '../../shared/settings';
import { migrateSettings } from '../../shared/settings-migration';
import { SettingsValidationError, SettingsWriteError } from './errors';
import type { SettingsStoreEvents, SettingsWarning } from './events';

export interface SettingsStoreOptions {
  /** Directory that holds the file; must exist. Required. */
  dir: string;
  /** File name inside `dir`. Default 'settings.json'. */
  fileName?: string;
  /** Clock used to name backups of bad files. Default Date.now. */
  now?: () => number;
}

export interface SettingsLoadResult {
  readonly settings: Settings;
  readonly warnings: readonly SettingsWarning[];
}

const zodIssues = (error: {
  issues: readonly { path: PropertyKey[]; message: string }[];
}): string[] => error.issues.map((i) => `${i.path.map(String).join('.') || 'value'}: ${i.message}`);

export class SettingsStore extends EventEmitter<SettingsStoreEvents> {
  readonly path: string;
  readonly #dir: string;
  readonly #fileName: string;
  readonly #now: () => number;
  #settings: Settings = defaultSettings();
  #queue: Promise<unknown> = Promise.resolve();
  #tmpCounter = 0;

  constructor(options: SettingsStoreOptions) {
    super();
    this.#dir = options.dir;
    this.#fileName = options.fileName ?? 'settings.json';
    this.#now = options.now ?? Date.now;
    this.path = join(this.#dir, this.#fileName);
  }

  /** The current settings (a copy: mutate it freely). */
  get(): Settings {
    return structuredClone(this.#settings);
  }

  /**
   * Reads the file. Missing → defaults. Unreadable JSON or invalid values → safe values, the bad
   * file moved to `<file>.corrupt-<timestamp>`, and a warning (returned and emitted). Never throws
   * for bad content; throws only when the directory itself cannot be used.
   */
  load(): Promise<SettingsLoadResult> {
    return this.#enqueue(async () => {
      await this.#removeStaleTemps();
      const warnings: SettingsWarning[] = [];
      let text: string;
      try {
        text = await readFile(this.path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          this.#settings = defaultSettings();
          return { settings: this.get(), warnings };
        }
        throw error;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        const backupPath = await this.#moveAside();
        const message = `${this.#fileName} is not valid JSON (${(error as Error).message}); default settings are used and the file was kept as ${backupPath}`;
        warnings.push({ message, issues: [(error as Error).message], backupPath });
        this.#settings = defaultSettings();
        await this.#write(this.#settings);
        return this.#finishLoad(warnings);
      }
      const result = migrateSettings(parsed);
      if (result.issues.length > 0) {
        const backupPath = await this.#moveAside();
        const message = `${this.#fileName} had invalid values (${result.issues.join('; ')}); those were reset to defaults and the original was kept as ${backupPath}`;
        warnings.push({ message, issues: result.issues, backupPath });
      }
      this.#settings = result.settings;
      if (result.changed) await this.#write(this.#settings);
      return this.#finishLoad(warnings);
    });
  }

  /** Replaces all settings; rejects with SettingsValidationError when `next` is invalid. */
  set(next: unknown): Promise<Settings> {
    return this.#enqueue(async () => {
      const parsed = settingsSchema.safeParse(next);
      if (!parsed.success) throw new SettingsValidationError(zodIssues(parsed.error));
      return this.#commit(parsed.data);
    });
  }

  /** Merges a partial update (sections one level deep); invalid → SettingsValidationError. */
  patch(patch: unknown): Promise<Settings> {
    return this.#enqueue(async () => {
      const parsed = settingsPatchSchema.safeParse(patch);
      if (!parsed.success) throw new SettingsValidationError(zodIssues(parsed.error));
      const merged = settingsSchema.safeParse(applySettingsPatch(this.#settings, parsed.data));
      if (!merged.success) throw new SettingsValidationError(zodIssues(merged.error));
      return this.#commit(merged.data);
    });
  }

  /** Resolves when every queued write has finished (for shutdown). */
  async flush(): Promise<void> {
    await this.#queue.catch(() => undefined);
  }

  #finishLoad(warnings: SettingsWarning[]): SettingsLoadResult {
    for (const w of warnings) this.emit('warning', w);
    return { settings: this.get(), warnings };
  }

  async #commit(next: Settings): Promise<Settings> {
    const previous = this.#settings;
    if (JSON.stringify(previous) === JSON.stringify(next)) return this.get();
    await this.#write(next);
    this.#settings = next;
    this.emit('change', this.get(), structuredClone(previous));
    return this.get();
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #write(settings: Settings): Promise<void> {
    this.#tmpCounter += 1;
    const tmp = `${this.path}.tmp-${process.pid}-${this.#tmpCounter}`;
    try {
      const handle = await open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify(settings, null, 2) + '\n', 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.path);
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw new SettingsWriteError(this.path, { cause: error });
    }
    await this.#syncDir();
  }

  /** fsync the directory so the rename itself survives a power cut (not possible on Windows). */
  async #syncDir(): Promise<void> {
    try {
      const dir = await open(this.#dir, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch {
      // Directories cannot be opened for sync on every platform; the rename is still atomic.
    }
  }

  async #moveAside(): Promise<string> {
    const stamp = new Date(this.#now()).toISOString().replace(/[:.]/g, '-');
    const backup = `${this.path}.corrupt-${stamp}`;
    await rename(this.path, backup);
    return backup;
  }

  /** A temp file left by a crash mid-write is never read: the rename had not happened. */
  async #removeStaleTemps(): Promise<void> {
    const prefix = `${this.#fileName}.tmp-`;
    const names = await readdir(this.#dir);
    await Promise.all(
      names.filter((n) => n.startsWith(prefix)).map((n) => rm(join(this.#dir, n), { force: true })),
    );
  }
}
