/**
 * Which audit fields carry untrusted strings, and how they are encoded. The kernel and
 * libaudit log such a string in double quotes when it is plain printable text and as
 * unquoted hex otherwise (spaces, quotes, control bytes, non-ASCII). Other unquoted hex
 * values are numbers (`a0=7ffd42eb1590` in SYSCALL, `new_pp=0000001fffffffff`) and must stay
 * as they are, so decoding is decided by field name and record type.
 */

/** Fields logged with audit_log_untrustedstring / audit_encode_value. */
const ENCODED_FIELDS: ReadonlySet<string> = new Set([
  'acct',
  'cgroup',
  'cmd',
  'comm',
  'cwd',
  'device',
  'dir',
  'exe',
  'file',
  'grp',
  'name',
  'new-chardev',
  'new-disk',
  'new-fs',
  'new_group',
  'ocomm',
  'old-chardev',
  'old-disk',
  'old-fs',
  'path',
  'proctitle',
  'root_dir',
  'sw',
  'vm',
  'watch',
]);

const HEX = /^(?:[0-9A-Fa-f]{2})+$/;

const utf8 = new TextDecoder('utf-8');

export function decodeHex(hex: string): string {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return utf8.decode(bytes);
}

/** Whether the value of `key` in a record of `type` is an encoded string. */
export function isEncodedField(type: string, key: string): boolean {
  if (ENCODED_FIELDS.has(key) || key === 'key') return true;
  if ((type === 'TTY' || type === 'USER_TTY') && key === 'data') return true;
  // EXECVE arguments: a0, a1, ... and the chunks of long ones, a1[0], a1[1], ...
  return type === 'EXECVE' && /^a\d+(\[\d+\])?$/.test(key);
}

/** Decode an unquoted encoded value; quoted or non-hex values are returned as they are. */
export function decodeFieldValue(type: string, key: string, value: string, quoted: boolean): string {
  if (quoted || !isEncodedField(type, key) || !HEX.test(value)) return value;
  return decodeHex(value);
}

/** Audit rule keys: several keys are joined with \x01 inside one (hex-encoded) key field. */
export function splitKeys(value: string | undefined): string[] {
  if (value === undefined || value === '(null)' || value === '') return [];
  return value.split('\x01').filter((k) => k.length > 0);
}
