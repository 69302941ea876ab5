/**
 * Reads one UDP socket on a worker thread and hands the datagrams to the main thread in
 * batches. Why a thread: the store appends synchronously on the main thread (DuckDB's
 * appender, JSON encoding), which can hold the event loop for a large part of a second; a
 * socket read there stops being read for that long, and the kernel drops whatever does not
 * fit its receive buffer. On its own thread the socket is drained continuously and the burst
 * waits in memory instead, bounded by `maxQueuedDatagrams` (beyond it datagrams are dropped
 * and counted as `overload`, exactly like the kernel would, but visibly).
 *
 * The thread does almost nothing per datagram: it keeps the Buffer Node gave it, and every few
 * milliseconds (or every `maxBatchDatagrams`) copies them into one ArrayBuffer that is
 * transferred (not cloned), with their lengths and sender ids. Handing over every datagram on
 * its own would cost the main thread a message dispatch and a pipeline batch per datagram,
 * which at ten thousand a second starves its timers. Senders (`ip`, `port`) are interned: a relay
 * sends thousands of datagrams from one address. The worker is plain JavaScript evaluated from
 * a string, so it runs the same from TypeScript sources and from the build output.
 */
import { Worker } from 'node:worker_threads';

export interface UdpReaderOptions {
  host: string;
  port: number;
  family: 4 | 6;
  /** SO_RCVBUF to ask for; 0 keeps the OS default. */
  receiveBufferBytes: number;
  /** Longer datagrams are counted as `oversized` and not copied. */
  maxMessageBytes: number;
  /** Datagrams handed over and not yet acknowledged; beyond this new ones are dropped as `overload`. */
  maxQueuedDatagrams: number;
  /** A batch is handed over when it has this many datagrams… */
  maxBatchDatagrams: number;
  /** …or this long after its first datagram. */
  batchIntervalMs: number;
  /** Interned senders before the table starts anew (bounds memory under spoofed-source floods). */
  maxSenders?: number;
}

/** One batch of datagrams: `lengths[i]` bytes each, back to back in `data`, sent by `senders[senderIds[i]]`. */
export interface UdpReadBatch {
  data: Buffer;
  lengths: number[];
  senderIds: number[];
  oversized: number;
  overload: number;
}

export interface UdpSender {
  address: string;
  port: number;
}

const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData: o } = require('node:worker_threads');
const socket = require('node:dgram').createSocket({ type: o.family === 6 ? 'udp6' : 'udp4' });
let msgs = [], bytes = 0, ids = [], oversized = 0, overload = 0, outstanding = 0, scheduled = false, timer, closing = false;
let senders = new Map(), fresh = [], reset = false, lastAddress = '', lastPort = -1, lastId = -1;
function senderId(r) {
  if (r.port === lastPort && r.address === lastAddress) return lastId;
  const key = r.address + ' ' + r.port;
  let id = senders.get(key);
  if (id === undefined) {
    // A flood of spoofed senders must not grow the table: hand over what refers to it, then start anew.
    if (senders.size >= o.maxSenders) { post(); senders = new Map(); reset = true; }
    id = senders.size;
    senders.set(key, id);
    fresh.push([id, r.address, r.port]);
  }
  lastAddress = r.address; lastPort = r.port; lastId = id;
  return id;
}
function post() {
  if (scheduled) { clearTimeout(timer); scheduled = false; }
  if (msgs.length === 0 && oversized === 0 && overload === 0 && !reset) return;
  const data = new Uint8Array(bytes);
  const lengths = new Array(msgs.length);
  let off = 0;
  for (let i = 0; i < msgs.length; i++) { data.set(msgs[i], off); off += msgs[i].length; lengths[i] = msgs[i].length; }
  parentPort.postMessage({ batch: { data: data.buffer, lengths, senderIds: ids, oversized, overload }, senders: fresh, reset }, [data.buffer]);
  outstanding += msgs.length;
  msgs = []; bytes = 0; ids = []; oversized = 0; overload = 0; fresh = []; reset = false;
}
function schedule() {
  if (msgs.length >= o.maxBatchDatagrams) post();
  else if (!scheduled) { scheduled = true; timer = setTimeout(post, o.batchIntervalMs); }
}
let readCount = 0;
socket.on('message', (msg, rinfo) => {
  readCount++;
  if (msg.length > o.maxMessageBytes) oversized++;
  else if (outstanding + msgs.length >= o.maxQueuedDatagrams) overload++;
  else {
    // The id first: interning may hand over the current batch, which must not include this datagram.
    const id = senderId(rinfo);
    msgs.push(msg); bytes += msg.length; ids.push(id);
  }
  schedule();
});
socket.on('error', (err) => parentPort.postMessage({ error: err.message }));
parentPort.on('message', (m) => {
  if (m === 'close') {
    if (closing) return;
    closing = true;
    // Datagrams the kernel already holds are read before closing: let poll phases run until one
    // reads nothing (each turn of the loop reads what the socket has), then close and hand over.
    let readBefore = -1;
    const drainThenClose = () => {
      if (readCount !== readBefore) { readBefore = readCount; setImmediate(drainThenClose); return; }
      socket.close(() => { post(); parentPort.postMessage({ closed: true }); parentPort.close(); });
    };
    setImmediate(drainThenClose);
  } else outstanding -= m;
});
socket.bind(o.port, o.host, () => {
  let granted = 0, error;
  if (o.receiveBufferBytes > 0) { try { socket.setRecvBufferSize(o.receiveBufferBytes); } catch (e) { error = String(e); } }
  try { granted = socket.getRecvBufferSize(); } catch { /* unknown */ }
  const a = socket.address();
  parentPort.postMessage({ bound: { address: a.address, port: a.port, granted, error } });
});
`;

interface WorkerMessage {
  batch?: { data: ArrayBuffer; lengths: number[]; senderIds: number[]; oversized: number; overload: number };
  senders?: Array<[number, string, number]>;
  reset?: boolean;
  bound?: { address: string; port: number; granted: number; error?: string };
  error?: string;
  closed?: boolean;
}

export class UdpReaderThread {
  address = '';
  port = 0;
  /** SO_RCVBUF as the kernel reports it (Linux: twice the payload bytes it reserves). */
  receiveBufferBytes = 0;
  /** Why the receive buffer could not be set, if it could not. */
  receiveBufferError: string | undefined;
  private readonly worker: Worker;
  private readonly senders: UdpSender[] = [];
  private queued = 0;
  private closed: Promise<void> | undefined;
  private onClosed: (() => void) | undefined;

  constructor(
    opts: UdpReaderOptions,
    private readonly onBatch: (batch: UdpReadBatch, senders: readonly UdpSender[]) => void,
    private readonly onError: (message: string) => void,
  ) {
    // No inherited loader flags (e.g. tsx): the worker is plain JavaScript.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...opts, maxSenders: opts.maxSenders ?? 65_536 }, execArgv: [] });
  }

  /** Datagrams handed over whose acknowledgement is pending. */
  get queuedDatagrams(): number {
    return this.queued;
  }

  /** Binds the socket; rejects when it cannot. */
  start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => reject(err);
      this.worker.once('error', fail);
      this.worker.on('message', (m: WorkerMessage) => {
        if (m.bound) {
          this.worker.off('error', fail);
          this.worker.on('error', (err) => this.onError(err.message));
          this.address = m.bound.address;
          this.port = m.bound.port;
          this.receiveBufferBytes = m.bound.granted;
          this.receiveBufferError = m.bound.error;
          resolve();
        } else if (m.batch) {
          if (m.reset) this.senders.length = 0;
          for (const [id, address, port] of m.senders ?? []) this.senders[id] = { address, port };
          const b = m.batch;
          this.queued += b.lengths.length;
          this.onBatch({ data: Buffer.from(b.data), lengths: b.lengths, senderIds: b.senderIds, oversized: b.oversized, overload: b.overload }, this.senders);
        } else if (m.error !== undefined) {
          // Before `bound`, a socket error is a bind failure: the thread has nothing left to do.
          if (this.port === 0) {
            void this.worker.terminate();
            reject(new Error(m.error));
          } else {
            this.onError(m.error);
          }
        } else if (m.closed) {
          this.onClosed?.();
        }
      });
    });
  }

  /** Tells the thread `n` datagrams were decoded, freeing their place in its queue. */
  acknowledge(n: number): void {
    this.queued -= n;
    if (!this.closed) this.worker.postMessage(n);
  }

  /** Closes the socket; resolves once the last batch has been delivered to `onBatch` and the thread has exited. */
  stop(): Promise<void> {
    this.closed ??= (async () => {
      const done = new Promise<void>((resolve) => {
        this.onClosed = resolve;
        this.worker.once('exit', () => resolve());
      });
      this.worker.postMessage('close');
      await done;
      await this.worker.terminate();
    })();
    return this.closed;
  }
}
