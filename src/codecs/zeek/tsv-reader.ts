/**
 * Incremental reader for Zeek's TSV ("ASCII") log format, one line at a time.
 *
 * The header directives (`#separator`, `#set_separator`, `#empty_field`, `#unset_field`,
 * `#path`, `#fields`, `#types`, `#open`, `#close`) set the state used to read the rows that
 * follow; a new header (rotation, concatenated files) replaces it. The reader is pure: the
 * state is plain data that a file source can checkpoint and restore, so reading can resume
 * in the middle of a file without re-reading its header.
 */
import type { ZeekRecord, ZeekValue } from './record.js';
import { decodeHeaderValue } from './text.js';
import { parseField } from './tsv-values.js';

export interface ZeekTsvState {
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
  path?: string;
  fields?: string[];
  types?: string[];
  open?: string;
  close?: string;
}

export interface ZeekTsvOptions {
  /** Prefix of header lines (`LogAscii::meta_prefix`), `#` by default. */
  metaPrefix?: string;
  /** Log stream name when the header has no `#path` (e.g. taken from the file name). */
  defaultPath?: string;
  /** Initial header state, for logs written without a header (`LogAscii::include_meta=F`). */
  initial?: Partial<ZeekTsvState>;
  /** The first non-header line names the fields (`LogAscii::tsv=T`); types default to string. */
  firstLineIsFieldNames?: boolean;
}

export type ZeekTsvLine =
  | { kind: 'record'; record: ZeekRecord }
  | { kind: 'header'; directive: string }
  | { kind: 'skip' }
  | { kind: 'error'; reason: string };

const DEFAULT_STATE: ZeekTsvState = { separator: '\t', setSeparator: ',', emptyField: '(empty)', unsetField: '-' };

export class ZeekTsvReader {
  private state: ZeekTsvState;
  private readonly metaPrefix: string;

  constructor(private readonly options: ZeekTsvOptions = {}) {
    this.metaPrefix = options.metaPrefix ?? '#';
    this.state = { ...DEFAULT_STATE, ...options.initial };
  }

  /** The header state, JSON-serialisable, for checkpoints. */
  snapshot(): ZeekTsvState {
    return { ...this.state, fields: this.state.fields?.slice(), types: this.state.types?.slice() };
  }

  restore(state: ZeekTsvState): void {
    this.state = { ...DEFAULT_STATE, ...state };
  }

  /** Whether a `#fields` header (or configured field list) is in force. */
  hasFields(): boolean {
    return this.state.fields !== undefined;
  }

  push(line: string): ZeekTsvLine {
    if (line.startsWith(this.metaPrefix)) return this.directive(line.slice(this.metaPrefix.length));
    if (line.length === 0) return { kind: 'skip' };
    const { fields } = this.state;
    if (fields === undefined) {
      if (this.options.firstLineIsFieldNames) {
        this.state.fields = line.split(this.state.separator);
        this.state.types = this.state.fields.map(() => 'string');
        return { kind: 'header', directive: 'fields' };
      }
      return { kind: 'error', reason: 'data line before any #fields header' };
    }
    return this.row(line, fields);
  }

  private directive(body: string): ZeekTsvLine {
    // `#separator` is the one directive separated from its value by a space: the
    // separator is not known until it has been read.
    const sep = /^separator[ \t](.*)$/.exec(body);
    if (sep) {
      const value = decodeHeaderValue(sep[1]);
      if (value.length === 0) return { kind: 'error', reason: 'empty #separator' };
      // A new header begins: what the previous one declared no longer applies.
      this.state = { ...DEFAULT_STATE, ...this.options.initial, separator: value };
      delete this.state.fields;
      delete this.state.types;
      delete this.state.path;
      return { kind: 'header', directive: 'separator' };
    }
    const at = body.indexOf(this.state.separator);
    const name = at < 0 ? body.replace(/ .*$/, '') : body.slice(0, at);
    const rest = at < 0 ? body.slice(name.length + 1) : body.slice(at + this.state.separator.length);
    switch (name) {
      case 'set_separator': {
        const value = decodeHeaderValue(rest);
        if (value.length === 0) return { kind: 'error', reason: 'empty #set_separator' };
        this.state.setSeparator = value;
        break;
      }
      case 'empty_field':
        this.state.emptyField = decodeHeaderValue(rest);
        break;
      case 'unset_field':
        this.state.unsetField = decodeHeaderValue(rest);
        break;
      case 'path':
        this.state.path = decodeHeaderValue(rest);
        break;
      case 'fields':
        this.state.fields = rest.split(this.state.separator).map(decodeHeaderValue);
        if (this.state.types && this.state.types.length !== this.state.fields.length) delete this.state.types;
        break;
      case 'types':
        this.state.types = rest.split(this.state.separator).map(decodeHeaderValue);
        break;
      case 'open':
        this.state.open = rest;
        delete this.state.close;
        break;
      case 'close':
        this.state.close = rest;
        break;
      default:
        // Unknown directives (comments from tools that post-process logs) carry no state.
        return { kind: 'skip' };
    }
    return { kind: 'header', directive: name };
  }

  private row(line: string, names: string[]): ZeekTsvLine {
    const { types } = this.state;
    if (types !== undefined && types.length !== names.length) {
      return { kind: 'error', reason: `header declares ${names.length} #fields but ${types.length} #types` };
    }
    const values = line.split(this.state.separator);
    if (values.length !== names.length) {
      return { kind: 'error', reason: `expected ${names.length} fields, found ${values.length}` };
    }
    const fields: Record<string, ZeekValue> = {};
    for (let i = 0; i < names.length; i++) {
      const parsed = parseField(types ? types[i] : 'string', values[i], this.state);
      if (!parsed.ok) return { kind: 'error', reason: `field '${names[i]}': ${parsed.error}` };
      if (parsed.value !== undefined) fields[names[i]] = parsed.value;
    }
    const path = this.state.path ?? this.options.defaultPath ?? 'unknown';
    return { kind: 'record', record: { path, fields } };
  }
}
