/** The project root, found from a compiled or source file by walking up to package.json. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(from));
    dir = parent;
  }
  return dir;
}

/** The compiled CLI entry point (tests spawn it to exercise the real binary). */
export function cliPath(): string {
  return join(projectRoot(), 'dist', 'src', 'cli', 'main.js');
}
