/** The project root, found from a compiled or source file by walking up to package.json. */
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';

/** The project root (see core/package-root.ts); tests and tools use this name. */
export const projectRoot = packageRoot;

/** The compiled CLI entry point (tests spawn it to exercise the real binary). */
export function cliPath(): string {
  return join(projectRoot(), 'dist', 'src', 'cli', 'main.js');
}
