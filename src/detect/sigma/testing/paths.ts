/**
 * Test helpers: the project root (found by walking up to package.json, so the same code works
 * from src/ under tsx and from dist/ after the build) and this module's testdata folder, which
 * stays in src/ and is read from there in both cases.
 */
import { join } from 'node:path';
import { packageRoot } from '../../../core/package-root.js';

export const projectRoot = (): string => packageRoot();

export function sigmaTestdata(...parts: string[]): string {
  return join(projectRoot(), 'src', 'detect', 'sigma', 'testdata', ...parts);
}
