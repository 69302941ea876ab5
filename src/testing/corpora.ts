/**
 * Locating the shared test corpora (../shared/corpora, overridable with VIGIL_CORPORA).
 * A test that needs a corpus calls `corpusPath(t, name)`: when the folder is absent it
 * skips with a visible message on a developer's machine, and fails when CI=true.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { projectRoot } from './project-root.js';

/** Works from src/ (tsx) and from dist/src/ (compiled) alike. */
export function corporaRoot(): string {
  return process.env.VIGIL_CORPORA ?? resolve(projectRoot(import.meta.url), '..', 'shared', 'corpora');
}

/** Absolute path of a corpus folder (or file inside it), or undefined after skipping/failing the test. */
export function corpusPath(t: TestContext, ...parts: string[]): string | undefined {
  const path = join(corporaRoot(), ...parts);
  if (existsSync(path)) return path;
  const message = `corpus not found: ${path} (set VIGIL_CORPORA)`;
  if (process.env.CI === 'true') throw new Error(message);
  t.skip(message);
  return undefined;
}

/** Same for a peer program that an interop test needs (`logger`, `nfcapd`, ...). */
export function requireTool(t: TestContext, found: boolean, name: string, hint: string): boolean {
  if (found) return true;
  const message = `${name} not installed (${hint})`;
  if (process.env.CI === 'true') throw new Error(message);
  t.skip(message);
  return false;
}
