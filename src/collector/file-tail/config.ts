/**
 * Configuration of the file-tailing source (`type: file_tail` in vigil.yaml). Every key but
 * `inputs` has a default; unknown keys are errors.
 *
 *   sources:
 *     zeek:
 *       type: file_tail
 *       inputs:
 *         - { path: /opt/zeek/logs/current/*.log, format: zeek }
 *         - { path: /var/log/suricata/eve.json, format: eve }
 *         - { path: /var/log/audit/audit.log, format: auditd }
 */
import { z } from 'zod';
import { byteSize } from '../../config/units.js';
import { fileTailCodecNames, hasFileTailCodec } from './codecs.js';

const logsource = z.strictObject({
  product: z.string().optional(),
  service: z.string().optional(),
  category: z.string().optional(),
});

const input = z.strictObject({
  /** A file or a glob (`*`, `?`, `[...]`, `{a,b}`, `**`); absolute, or relative to the working directory. */
  path: z.string().min(1),
  /** The codec that reads the lines: zeek, eve, auditd, lines, ndjson, or any registered format. */
  format: z.string().refine(hasFileTailCodec, {
    error: (issue) => `unknown format "${String(issue.input)}" (known: ${fileTailCodecNames().join(', ')})`,
  }),
  /** Globs of files not to follow, matched against the full path or, without a `/`, the file name. */
  exclude: z.array(z.string().min(1)).default([]),
  /** Where to start in files already present when the source first runs (no checkpoint yet). */
  start_at: z.enum(['beginning', 'end']).optional(),
  /** Sigma logsource for records the codec leaves without one (plain lines). */
  logsource: logsource.optional(),
});

export const fileTailConfig = z.strictObject({
  inputs: z.array(input).min(1),
  /** Checkpoint file; relative paths are under the data directory. Default `file-tail/<source id>.json`. */
  checkpoint_file: z.string().min(1).optional(),
  /** How often files and globs are checked for new data, rotation and truncation. */
  poll_interval_ms: z.number().int().min(10).max(60_000).default(250),
  /** Lines longer than this are rejected (reason `oversized_line`) and skipped. */
  max_line_bytes: byteSize.prefault('1MiB').refine((n) => n >= 64 && n <= 256 * 1024 * 1024, 'between 64 bytes and 256MiB'),
  /** Lines per batch handed to the pipeline. */
  max_batch_lines: z.number().int().min(1).max(100_000).default(1000),
  /** Default for inputs without `start_at`. */
  start_at: z.enum(['beginning', 'end']).default('end'),
  /** A renamed or deleted file is read to its end and closed once it has not grown for this long. */
  rotate_wait_ms: z.number().int().min(0).max(3_600_000).default(5000),
  /** After this long without new lines, decoders holding partial events (auditd) release them. */
  idle_flush_ms: z.number().int().min(0).max(3_600_000).default(2000),
  /** Files never followed, for every input: rotated copies compressed by logrotate. */
  exclude: z.array(z.string().min(1)).default(['*.gz', '*.bz2', '*.xz', '*.zst', '*.zip']),
});

export type FileTailConfig = z.infer<typeof fileTailConfig>;
export type FileTailInput = FileTailConfig['inputs'][number];
