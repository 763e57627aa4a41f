/** Loads electron-builder.yml and electron-builder's own JSON schema (with the ajv it ships with). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/electronBinary';

const requireFromBuilder = createRequire(
  createRequire(join(REPO_ROOT, 'package.json')).resolve('app-builder-lib/package.json'),
);

interface AjvError {
  readonly instancePath: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}
interface AjvValidate {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
interface AjvCtor {
  new (options: Record<string, unknown>): { compile(schema: unknown): AjvValidate };
}

export type BuilderConfig = Record<string, unknown> & {
  files: string[];
  electronFuses: Record<string, boolean>;
  protocols: { name: string; schemes: string[] }[];
  linux: Record<string, unknown> & { target: string[]; desktop: { entry: Record<string, string> } };
  mac: Record<string, unknown> & { extendInfo: Record<string, unknown> };
  win: Record<string, unknown> & { target: string[] };
};

export function loadBuilderConfig(): BuilderConfig {
  const yaml = requireFromBuilder('js-yaml') as { load(text: string): unknown };
  return yaml.load(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

/** Validates against node_modules/app-builder-lib/scheme.json; returns readable errors. */
let compiled: AjvValidate | undefined;

export function validateBuilderConfig(config: unknown): string[] {
  if (!compiled) {
    const ajvModule = requireFromBuilder('ajv') as { default: AjvCtor };
    const schema: unknown = JSON.parse(
      readFileSync(requireFromBuilder.resolve('app-builder-lib/scheme.json'), 'utf8'),
    );
    compiled = new ajvModule.default({ allErrors: true, strict: false }).compile(schema);
  }
  const validate = compiled;
  if (validate(config)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}
