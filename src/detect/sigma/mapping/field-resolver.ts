/**
 * The one resolver from a Sigma field name to the places it may live in an event, per record
 * shape and logsource. The in-memory matcher turns places into accessors; the SQL compiler
 * turns the same places into column / JSON paths (`native`, `fields` columns of the store).
 * Places are tried in order; the first that holds a value wins.
 */
import { SIGMA_TO_ECS } from './generic-data.js';
import { WINDOWS_FALLBACK_FIELDS, WINDOWS_FIELD_ALIASES, WINDOWS_SYSTEM_FIELDS } from './windows-data.js';

/** How a record is laid out. */
export type RecordShape =
  /** evtx_dump JSON: `{Event: {System, EventData | UserData}}` (Vigil's EVTX codec, `vigil evtx dump`). */
  | 'evtx'
  /** Windows record flattened to one level (`{EventID, Channel, Image, ...}`), as some exporters write. */
  | 'flat'
  /** Winlogbeat / Elastic Agent: `{winlog: {channel, event_id, event_data: {...}}}`. */
  | 'winlog'
  /** Anything else: keys as written, dotted paths into nested objects, then ECS fields. */
  | 'generic';

export type FieldPlace =
  /** Nested keys below the native record's root. */
  | { in: 'native'; path: readonly string[] }
  /** A top-level native key exactly as written (may contain dots, e.g. Zeek's `id.orig_h`). */
  | { in: 'native-key'; key: string }
  /**
   * evtx_dump `Event.UserData.<any element>.<name>` (the wrapper element differs per event).
   * Also `<Wrapper><Child>` and `UserData<Child>`, the names Hayabusa's rules use for UserData
   * children (`LogFileClearedChannel` is `UserData.LogFileCleared.Channel`).
   */
  | { in: 'userdata'; name: string }
  /** A normalized ECS field of the event (`fields` column). */
  | { in: 'ecs'; name: string };

const WINLOG_SYSTEM: Readonly<Record<string, readonly string[]>> = {
  EventID: ['winlog', 'event_id'],
  Channel: ['winlog', 'channel'],
  Computer: ['winlog', 'computer_name'],
  Provider_Name: ['winlog', 'provider_name'],
  Provider_Guid: ['winlog', 'provider_guid'],
  EventRecordID: ['winlog', 'record_id'],
  Task: ['winlog', 'task'],
  Opcode: ['winlog', 'opcode'],
  Keywords: ['winlog', 'keywords'],
  Execution_ProcessID: ['winlog', 'process', 'pid'],
  Execution_ThreadID: ['winlog', 'process', 'thread', 'id'],
  Security_UserID: ['winlog', 'user', 'identifier'],
};

/**
 * Places of `field` in a record of `shape`. `fieldmap` holds the logsource's renames
 * (Security 4688: Image → NewProcessName) and is applied first.
 */
export function resolveField(field: string, shape: RecordShape, fieldmap?: Readonly<Record<string, string>>, aliases?: Readonly<Record<string, string>>): FieldPlace[] {
  const name = fieldmap?.[field] ?? field;
  const ecs = SIGMA_TO_ECS[name];
  const tail: FieldPlace[] = [{ in: 'ecs', name }];
  if (ecs && ecs !== name) tail.push({ in: 'ecs', name: ecs });
  switch (shape) {
    case 'evtx': {
      const sys = WINDOWS_SYSTEM_FIELDS[name];
      if (sys) return [{ in: 'native', path: ['Event', 'System', ...sys] }];
      const places: FieldPlace[] = [{ in: 'native', path: ['Event', 'EventData', name] }, { in: 'userdata', name }];
      const alias = WINDOWS_FIELD_ALIASES[name];
      if (alias) places.push({ in: 'userdata', name: alias });
      const fallback = WINDOWS_FALLBACK_FIELDS[name];
      if (fallback) places.push({ in: 'native', path: ['Event', 'System', ...WINDOWS_SYSTEM_FIELDS[fallback]] });
      return [...places, ...tail];
    }
    case 'flat': {
      const places: FieldPlace[] = [{ in: 'native-key', key: name }];
      const fallback = WINDOWS_FALLBACK_FIELDS[name];
      if (fallback) places.push({ in: 'native-key', key: fallback });
      return [...places, ...tail];
    }
    case 'winlog': {
      const sys = WINLOG_SYSTEM[name];
      if (sys) return [{ in: 'native', path: sys }];
      const places: FieldPlace[] = [
        { in: 'native', path: ['winlog', 'event_data', name] },
        { in: 'native', path: ['winlog', 'user_data', name] },
      ];
      const fallback = WINDOWS_FALLBACK_FIELDS[name];
      if (fallback) places.push({ in: 'native', path: WINLOG_SYSTEM[fallback] });
      return [...places, ...tail];
    }
    case 'generic': {
      const places: FieldPlace[] = [{ in: 'native-key', key: name }];
      if (name.includes('.')) places.push({ in: 'native', path: name.split('.') });
      // The logsource's alias is tried after the name as written, before the ECS fallbacks.
      const alias = aliases && Object.hasOwn(aliases, field) ? aliases[field] : undefined;
      if (alias) places.push({ in: 'native-key', key: alias }, ...(alias.includes('.') ? [{ in: 'native', path: alias.split('.') } as const] : []), { in: 'ecs', name: alias });
      return [...places, ...tail];
    }
  }
}

/** A stable text key for a list of places (shared accessor slots, explanations). */
export function placesKey(places: readonly FieldPlace[]): string {
  return places
    .map((p) => {
      switch (p.in) {
        case 'native':
          return 'n:' + p.path.join('\u0001');
        case 'native-key':
          return 'k:' + p.key;
        case 'userdata':
          return 'u:' + p.name;
        case 'ecs':
          return 'e:' + p.name;
      }
    })
    .join('|');
}
