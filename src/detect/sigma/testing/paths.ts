/**
 * Test helpers: the project root (found by walking up to package.json, so the same code works
 * from src/ under tsx and from dist/ after the build) and this module's testdata folder, which
 * stays in src/ and is read from there in both cases.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export function sigmaTestdata(...parts: string[]): string {
  return join(projectRoot(), 'src', 'detect', 'sigma', 'testdata', ...parts);
}
