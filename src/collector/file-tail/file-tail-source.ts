/**
 * Follows files and globs (auth.log, audit.log, Zeek and EVE output) and hands their lines,
 * decoded, to the pipeline. It polls rather than relying on inotify, which misses renames
 * on some filesystems. Each poll: discover files, notice renames and deletes (rotation),
 * read what is new — rotated files first, since they hold the older lines — and checkpoint
 * (inode, offset, decoder state) after each batch the pipeline accepted. Stopping and
 * starting resumes exactly; only a crash between a batch and its checkpoint can repeat that
 * one batch (at-least-once).
 */
import { open, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { BuildContext, RunningComponent, SourceDefinition, SourceOutput } from '../../core/index.js';
import { errorMessage } from '../../core/index.js';
import { CheckpointStore, fileKey, fingerprintOf, type FileCheckpoint } from './checkpoint-store.js';
import { fileTailCodec, type FileLineDecoder } from './codecs.js';
import { fileTailConfig, type FileTailConfig, type FileTailInput } from './config.js';
import { discoverFiles, findByIdentity, inputForPath, laterGenerations, type FoundFile } from './discovery.js';
import { FilePump } from './file-pump.js';
import { checkpointMatches, FollowedFile, type FileState } from './followed-file.js';
import type { ReadPosition } from './line-reader.js';
import { FileTailMetrics } from './metrics.js';
import { headLines, positionAtEnd } from './start-position.js';

/** Checkpoints of files not open (closed after rotation, or gone) remembered at most. */
const MAX_REMEMBERED_CLOSED = 256;

export class FileTailSource implements RunningComponent {
  readonly metrics: FileTailMetrics;
  private readonly store: CheckpointStore;
  private readonly pumper: FilePump;
  private readonly files = new Map<string, FollowedFile>();
  /** Checkpoints of files not open now: loaded ones not yet matched, and files closed after rotation. */
  private readonly closed = new Map<string, FileCheckpoint>();
  private knownPaths = new Set<string>();
  private firstRun = false;
  private firstScan = true;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private finished = false;
  private stopping: Promise<void> | undefined;
  private lastError: string | undefined;
  private readonly openErrors = new Set<string>();

  constructor(
    private readonly config: FileTailConfig,
    private readonly ctx: BuildContext,
    private readonly output: SourceOutput,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.metrics = new FileTailMetrics(ctx.metrics, ctx.id);
    const cp = config.checkpoint_file ?? join('file-tail', `${ctx.id}.json`);
    this.store = new CheckpointStore(isAbsolute(cp) ? cp : join(ctx.dataDir, cp));
    this.pumper = new FilePump({
      id: ctx.id,
      config,
      output,
      metrics: this.metrics,
      logger: ctx.logger,
      now: () => this.now(),
      isStopped: () => this.stopped,
      newDecoder: (input, path) => this.newDecoder(input, path),
      saveCheckpoints: () => this.saveCheckpoints(),
      retire: (f) => this.retire(f),
      setError: (message) => (this.lastError = message),
    });
  }

  async start(): Promise<void> {
    const loaded = await this.store.load();
    if (loaded.kind === 'missing') this.firstRun = true;
    else if (loaded.kind === 'corrupt') {
      this.firstRun = true;
      this.lastError = `checkpoint unreadable (${loaded.reason}); kept as ${loaded.movedTo}`;
      this.ctx.logger.error({ file: this.store.path, reason: loaded.reason, movedTo: loaded.movedTo }, 'file tail checkpoint unreadable; starting as on a first run');
    } else {
      for (const cp of loaded.files) this.closed.set(fileKey(cp.dev, cp.ino), cp);
      this.knownPaths = new Set(loaded.files.map((cp) => cp.path));
    }
    this.schedule(0);
  }

  /** Run one poll now (after any poll in progress); resolves when it is done. */
  async pollOnce(): Promise<void> {
    while (this.running) await this.running;
    if (this.stopped) return;
    clearTimeout(this.timer);
    await this.runTick();
    this.schedule(this.config.poll_interval_ms);
  }

  stop(deadline: number): Promise<void> {
    this.stopping ??= this.shutdown(deadline);
    return this.stopping;
  }

  health(): Record<string, unknown> {
    return {
      checkpoint_file: this.store.path,
      first_run: this.firstRun,
      files: [...this.files.values()].map((f) => ({
        path: f.path,
        format: f.input.format,
        state: f.state,
        dev: f.dev,
        inode: f.ino,
        offset: f.position.offset,
        line: f.position.line,
        size: f.size,
        lag_bytes: Math.max(0, f.size - f.position.offset),
      })),
      ...this.metrics.snapshot(),
      ...(this.lastError ? { last_error: this.lastError } : {}),
    };
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running) return this.schedule(this.config.poll_interval_ms);
      void this.runTick().finally(() => this.schedule(this.config.poll_interval_ms));
    }, delayMs);
  }

  private async runTick(): Promise<void> {
    this.running = this.tick().catch((err: unknown) => {
      this.lastError = errorMessage(err);
      this.ctx.logger.error({ err: this.lastError }, 'file tail poll failed');
    });
    await this.running;
    this.running = undefined;
  }

  private async tick(): Promise<void> {
    const found = await discoverFiles(this.config.inputs, this.config.exclude);
    const rotatedNow: FollowedFile[] = [];
    for (const f of this.files.values()) {
      const at = found.get(f.key);
      if (at) {
        f.path = at.path; // renamed within the glob: the same file, still followed
        f.state = 'active';
      } else if (f.state === 'active' && !(await this.stillAtPath(f))) {
        f.state = 'rotated';
        rotatedNow.push(f);
        this.metrics.rotated();
        this.ctx.logger.info({ path: f.path, inode: f.ino }, 'followed file renamed or deleted; reading it to its end');
      }
    }
    for (const file of found.values()) if (!this.files.has(file.key) && !this.stopped) await this.adopt(file, 'active');
    if (this.firstScan) {
      rotatedNow.push(...(await this.recoverRotatedWhileStopped()));
      this.firstScan = false;
    }
    for (const f of rotatedNow) await this.adoptMissedGenerations(f);
    this.metrics.followed(this.files.size);
    // Rotated files first, oldest first: their lines are older than those of the file that replaced them.
    const rank = (f: FollowedFile): number => (f.state === 'rotated' ? 0 : 1);
    const ordered = [...this.files.values()].sort((a, b) => rank(a) - rank(b) || a.bornMs - b.bornMs);
    for (const f of ordered) {
      if (this.stopped) break;
      await this.pumper.pump(f);
    }
  }

  /** A file no glob lists may still be at its path (an unreadable directory, a glob race): not rotated then. */
  private async stillAtPath(f: FollowedFile): Promise<boolean> {
    const st = await stat(f.path).catch(() => undefined);
    return st !== undefined && st.dev === f.dev && st.ino === f.ino;
  }

  private async adopt(found: FoundFile, state: FileState): Promise<FollowedFile | undefined> {
    let handle;
    try {
      handle = await open(found.path, 'r');
    } catch (err) {
      if (!this.openErrors.has(found.path)) this.ctx.logger.warn({ path: found.path, err: errorMessage(err) }, 'cannot open file to follow');
      this.openErrors.add(found.path);
      return undefined;
    }
    this.openErrors.delete(found.path);
    const st = await handle.stat();
    const key = fileKey(st.dev, st.ino);
    if (!st.isFile() || this.files.has(key)) {
      await handle.close();
      return undefined;
    }
    const decoder = this.newDecoder(found.input, found.path);
    let position: ReadPosition = { offset: 0, line: 0, skipping: false };
    const cp = this.closed.get(key);
    if (cp && (await checkpointMatches(handle, st.size, cp))) {
      position = { offset: cp.offset, line: cp.line, skipping: cp.skipping };
      if (cp.decoder !== undefined && decoder.restore?.(cp.decoder) === false) {
        this.ctx.logger.warn({ path: found.path }, 'checkpointed decoder state not understood; continuing without it');
      }
    } else if (this.firstScan && !this.knownPaths.has(found.path) && (found.input.start_at ?? this.config.start_at) === 'end') {
      // Met for the first time at startup: begin after its last line, but read its header.
      position = await positionAtEnd(handle, st.size);
      decoder.primeFromHead?.(await headLines(handle));
    }
    this.closed.delete(key);
    const f = new FollowedFile(handle, st.dev, st.ino, found.path, found.input, decoder, position, await fingerprintOf(handle), this.now());
    f.state = state;
    f.size = st.size;
    f.bornMs = st.birthtimeMs;
    this.files.set(key, f);
    this.ctx.logger.info({ path: found.path, inode: st.ino, offset: position.offset, state }, 'following file');
    return f;
  }

  /** Checkpointed files that no glob lists were rotated while stopped: find them by inode and finish them. */
  private async recoverRotatedWhileStopped(): Promise<FollowedFile[]> {
    const recovered: FollowedFile[] = [];
    for (const cp of [...this.closed.values()]) {
      const input = inputForPath(this.config.inputs, cp.path);
      const path = input ? await findByIdentity(dirname(cp.path), cp.dev, cp.ino) : undefined;
      if (!input || !path) continue;
      const f = await this.adopt({ key: fileKey(cp.dev, cp.ino), path, dev: cp.dev, ino: cp.ino, size: 0, input }, 'rotated');
      if (f) {
        f.path = cp.path; // its generations are named after the path it was followed at
        this.metrics.rotated();
        recovered.push(f);
      }
    }
    return recovered;
  }

  /** Generations of a rotated file's log created and rotated away between two polls (or while stopped). */
  private async adoptMissedGenerations(f: FollowedFile): Promise<void> {
    const excludes = [...this.config.exclude, ...f.input.exclude];
    for (const g of await laterGenerations(f.path, f.bornMs, excludes)) {
      const key = fileKey(g.dev, g.ino);
      if (this.files.has(key) || this.closed.has(key)) continue;
      this.ctx.logger.warn({ path: g.path }, 'found a rotated generation created between two polls; reading it');
      this.metrics.rotated();
      await this.adopt({ key, path: g.path, dev: g.dev, ino: g.ino, size: 0, input: f.input }, 'rotated');
    }
  }

  private newDecoder(input: FileTailInput, path: string): FileLineDecoder {
    const factory = fileTailCodec(input.format);
    if (!factory) throw new Error(`no codec "${input.format}"`); // the config schema refuses unknown names
    return factory({ filePath: path, maxLineBytes: this.config.max_line_bytes });
  }

  private async retire(f: FollowedFile): Promise<void> {
    this.files.delete(f.key);
    this.closed.set(f.key, f.checkpoint());
    while (this.closed.size > MAX_REMEMBERED_CLOSED) this.closed.delete(this.closed.keys().next().value as string);
    await f.close();
    await this.saveCheckpoints();
    this.ctx.logger.info({ path: f.path, inode: f.ino }, 'rotated file read to its end; closed');
  }

  private async saveCheckpoints(): Promise<void> {
    if (this.finished) return; // a batch that outlived the stop deadline: its lines are read again next time
    const open = [...this.files.values()].map((f) => f.checkpoint());
    await this.store.save([...open, ...this.closed.values()]);
  }

  private async shutdown(deadline: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.running) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
      await Promise.race([this.running, late]);
      clearTimeout(timer);
    }
    // Decoders that checkpoint keep open events in the checkpoint; the others release them now.
    for (const f of this.files.values()) {
      if (!f.decoder.snapshot && Date.now() < deadline) await this.pumper.flushDecoder(f);
    }
    await this.saveCheckpoints().catch((err: unknown) => this.ctx.logger.error({ err: errorMessage(err) }, 'cannot save file tail checkpoint'));
    this.finished = true;
    for (const f of this.files.values()) await f.close();
    this.files.clear();
  }
}

export const fileTailSource: SourceDefinition<FileTailConfig> = {
  kind: 'source',
  type: 'file_tail',
  description: 'Follows files and globs (Zeek, Suricata EVE, auditd, ndjson, plain lines) through rotation and truncation, with checkpoints',
  config: fileTailConfig,
  build: (config, ctx, output) => new FileTailSource(config, ctx, output),
};
