/**
 * Syslog files (auth.log, messages, anything rsyslog writes) as a TextFormat for `vigil ingest`
 * and the file-tail source: one message per line, RFC 3164 or 5424, with the Linux auth,
 * CEF and LEEF semantics of the syslog receiver.
 */
import type { DecodeResult, DecoderOptions, TextFormat } from './format.js';
import { decodeSyslogLine } from './syslog/index.js';
import { PeerMemory } from './linux-auth/index.js';

const BSD_TIMESTAMP = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /;
const ISO_HOST = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\S* \S+ /;

export const syslogFormat: TextFormat = {
  name: 'syslog',
  description: 'syslog lines (RFC 3164 or 5424, as rsyslog writes them; CEF/LEEF payloads parsed)',
  extensions: [],
  sniff: (head) => /^<\d{1,3}>/.test(head) || BSD_TIMESTAMP.test(head) || ISO_HOST.test(head),
  createDecoder: (opts: DecoderOptions) => {
    const peerMemory = new PeerMemory();
    return {
      push(text, firstLine) {
        const out: DecodeResult = { records: [], rejected: [] };
        if (!opts.now) throw new Error('syslog decoding needs the caller\'s clock (DecoderOptions.now)');
        const receivedAt = opts.now();
        const lines = text.split('\n');
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
          if (line.trim() === '') continue;
          if (line.length > opts.max_record_bytes) {
            out.rejected.push({ position: { line: firstLine + i }, reason: `line of ${line.length} bytes exceeds max_record_bytes ${opts.max_record_bytes}`, raw: line.slice(0, 65536) });
            continue;
          }
          try {
            out.records.push(decodeSyslogLine(line, { receivedAt, peerMemory }));
          } catch (err) {
            out.rejected.push({ position: { line: firstLine + i }, reason: `not syslog: ${(err as Error).message}`, raw: line });
          }
        }
        return out;
      },
      end: () => ({ records: [], rejected: [] }),
    };
  },
};
