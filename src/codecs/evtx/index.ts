/**
 * Vigil's EVTX reader: the whole format (file/chunk headers, records, BinXML with
 * templates and every value type), checksums verified, damage reported with offsets and
 * skipped, output as XML (as evtx_dump prints it) and evtx_dump-convention JSON.
 *
 * Streaming:  readEvtxFile(path) / readEvtxFileParallel(path)  → AsyncGenerator<EvtxItem>
 * In memory:  readEvtxBuffer(bytes)                            → Generator<EvtxItem>
 * Pure:       parseChunk(bytes, where), renderXml(root), renderJson(root), evtxToNormalized(json)
 * Codec:      readEvtxNormalized(path)                         → AsyncGenerator<CodecResult>
 */
export { readEvtxFile, readAt } from './reader.js';
export type { FileReadOptions } from './reader.js';
export { readEvtxFileParallel } from './parallel.js';
export type { ParallelReadOptions } from './parallel.js';
export { readEvtxBuffer, EvtxFileError, EvtxFileWalker } from './file.js';
export type { ReadOptions } from './file.js';
export { parseChunk, ChunkReader } from './chunk.js';
export type { ChunkResult, ChunkEntry, ParsedRecord, ChunkLocation } from './chunk.js';
export type { EvtxItem, EvtxRecord } from './record.js';
export type { EvtxDamage } from './damage.js';
export { formatDamage } from './damage.js';
export { renderXml } from './render-xml.js';
export { renderJson } from './render-json.js';
export type { JsonObject, JsonValue, JsonOptions } from './render-json.js';
export { evtxToNormalized, parseSystemTime } from './normalize.js';
export { readEvtxNormalized } from './codec.js';
export type { EvtxCodecOptions } from './codec.js';
export { CHANNEL_SERVICES, serviceForChannel } from './channels.js';
export { EvtxFormatError } from './bytes.js';
export { parseFileHeader, parseChunkHeader, makeFileHeader, CHUNK_SIZE, FILE_HEADER_SIZE } from './headers.js';
export type { FileHeader, ChunkHeader } from './headers.js';
export type { XmlElement, XmlNode, XmlAttr, ScopedElement } from './tree.js';

/** Quick check on the first bytes of a file: does it start like an EVTX file? */
export function looksLikeEvtx(head: Uint8Array): boolean {
  const magic = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00];
  return head.length >= 8 && magic.every((b, i) => head[i] === b);
}
