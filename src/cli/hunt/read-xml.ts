/**
 * Windows Event XML evidence (Event Viewer "Save as XML", wevtutil qe /f:xml): each
 * `<Event>…</Event>` element becomes one evtx_dump-shaped record.
 */
import { eventXmlToJson } from '../../detect/sigma/events/event-xml.js';
import { openMaybeGzip } from '../../ingest/line-blocks.js';
import type { HuntReader, HuntRecord, ReadContext } from './records.js';

const MAX_EVENT_XML_BYTES = 4 * 1024 * 1024;

export const xmlReader: HuntReader = {
  name: 'xml',
  accepts: (base, head) => base.endsWith('.xml') || /^\s*(<\?xml[^>]*>\s*)?<(Events|Event)[\s>]/.test(head),
  async *read(file: string, ctx: ReadContext): AsyncIterable<HuntRecord> {
    const decoder = new TextDecoder('utf-8');
    let buf = '';
    let n = 0;
    for await (const chunk of openMaybeGzip(file, ctx.onBytes)) {
      ctx.signal?.throwIfAborted();
      buf += decoder.decode(chunk as Buffer, { stream: true });
      for (;;) {
        const start = buf.search(/<Event[\s>]/);
        if (start < 0) {
          buf = buf.slice(-16); // keep a possible partial "<Event"
          break;
        }
        const end = buf.indexOf('</Event>', start);
        if (end < 0) {
          buf = buf.slice(start);
          if (buf.length > MAX_EVENT_XML_BYTES) {
            ctx.onProblem(`event ${n + 1}`, `an <Event> element is larger than ${MAX_EVENT_XML_BYTES} bytes; skipped`);
            buf = buf.slice(6);
          }
          break;
        }
        n++;
        try {
          yield { native: eventXmlToJson(buf.slice(start, end + 8)), where: `event ${n}` };
        } catch (err) {
          ctx.onProblem(`event ${n}`, (err as Error).message);
        }
        buf = buf.slice(end + 8);
      }
    }
  },
};
