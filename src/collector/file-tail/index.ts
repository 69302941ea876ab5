export { FileTailSource, fileTailSource } from './file-tail-source.js';
export { fileTailConfig, type FileTailConfig, type FileTailInput } from './config.js';
export {
  registerFileTailCodec,
  fileTailCodec,
  fileTailCodecNames,
  hasFileTailCodec,
  type FileLineDecoder,
  type FileCodecFactory,
  type FileCodecContext,
} from './codecs.js';
export { expandGlob, matchesGlob } from './glob.js';
export { CheckpointStore, type FileCheckpoint } from './checkpoint-store.js';
