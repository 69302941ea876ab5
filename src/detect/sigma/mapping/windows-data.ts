/**
 * Windows logsource mapping, as data. Sources: the Sigma taxonomy appendix (v2.1) and SigmaHQ's
 * tests/thor.yml, which plays this role for the SigmaHQ rules: a channel gives the `service`, a
 * channel plus EventID (and sometimes EventType) gives the `category`, and some categories rename
 * fields (Security 4688 calls the Sysmon `Image` `NewProcessName`).
 */

/** Windows event-log channel (case-insensitive) → Sigma service. */
export const WINDOWS_CHANNEL_SERVICES: Readonly<Record<string, string>> = {
  application: 'application',
  security: 'security',
  system: 'system',
  'microsoft-windows-sysmon/operational': 'sysmon',
  'microsoft-windows-powershell/operational': 'powershell',
  'powershellcore/operational': 'powershell',
  'windows powershell': 'powershell-classic',
  'microsoft-windows-application-experience/program-telemetry': 'application-experience',
  'microsoft-windows-application-experience/program-compatibility-assistant': 'application-experience',
  'microsoft-windows-applocker/msi and script': 'applocker',
  'microsoft-windows-applocker/exe and dll': 'applocker',
  'microsoft-windows-applocker/packaged app-deployment': 'applocker',
  'microsoft-windows-applocker/packaged app-execution': 'applocker',
  'microsoft-windows-appmodel-runtime/admin': 'appmodel-runtime',
  'microsoft-windows-appxdeploymentserver/operational': 'appxdeployment-server',
  'microsoft-windows-appxpackaging/operational': 'appxpackaging-om',
  'microsoft-windows-bitlocker/bitlocker management': 'bitlocker',
  'microsoft-windows-bits-client/operational': 'bits-client',
  'microsoft-windows-capi2/operational': 'capi2',
  'microsoft-windows-certificateservicesclient-lifecycle-system/operational': 'certificateservicesclient-lifecycle-system',
  'microsoft-windows-codeintegrity/operational': 'codeintegrity-operational',
  'microsoft-windows-dhcp-server/operational': 'dhcp',
  'microsoft-windows-diagnosis-scripted/operational': 'diagnosis-scripted',
  'microsoft-windows-dns client events/operational': 'dns-client',
  'dns server': 'dns-server',
  'microsoft-windows-dns-server/analytical': 'dns-server-analytic',
  'microsoft-windows-dns-server/audit': 'dns-server-audit',
  'microsoft-windows-driverframeworks-usermode/operational': 'driver-framework',
  'microsoft-windows-windows firewall with advanced security/firewall': 'firewall-as',
  'microsoft-windows-hyper-v-worker': 'hyper-v-worker',
  'microsoft-windows-hyper-v-worker-admin': 'hyper-v-worker',
  'microsoft-iis-configuration/operational': 'iis-configuration',
  'microsoft-windows-kernel-eventtracing': 'kernel-event-tracing',
  'microsoft-windows-kernel-eventtracing/admin': 'kernel-event-tracing',
  'microsoft-windows-kernel-shimengine/operational': 'kernel-shimengine',
  'microsoft-windows-kernel-shimengine/diagnostic': 'kernel-shimengine',
  'microsoft-windows-ldap-client/debug': 'ldap',
  'microsoft-windows-lsa/operational': 'lsa-server',
  'msexchange management': 'msexchange-management',
  'microsoft-windows-ntfs/operational': 'ntfs',
  'microsoft-windows-ntlm/operational': 'ntlm',
  'openssh/operational': 'openssh',
  'microsoft-windows-printservice/admin': 'printservice-admin',
  'microsoft-windows-printservice/operational': 'printservice-operational',
  'microsoft-windows-security-mitigations/kernel mode': 'security-mitigations',
  'microsoft-windows-security-mitigations/user mode': 'security-mitigations',
  'microsoft-windows-sense/operational': 'sense',
  'microsoft-servicebus-client/operational': 'servicebus-client',
  'microsoft-servicebus-client/admin': 'servicebus-client',
  'microsoft-windows-shell-core/operational': 'shell-core',
  'microsoft-windows-smbclient/security': 'smbclient-security',
  'microsoft-windows-smbclient/connectivity': 'smbclient-connectivity',
  'microsoft-windows-smbserver/connectivity': 'smbserver-connectivity',
  'microsoft-windows-taskscheduler/operational': 'taskscheduler',
  'microsoft-windows-terminalservices-localsessionmanager/operational': 'terminalservices-localsessionmanager',
  'microsoft-windows-vhdmp/operational': 'vhdmp',
  'microsoft-windows-vhdmp-operational': 'vhdmp',
  'microsoft-windows-windows defender/operational': 'windefend',
  'microsoft-windows-wmi-activity/operational': 'wmi',
  // Sysmon for Linux writes the same events under its own channel; see LINUX_SYSMON_CHANNEL.
};

/** Sysmon for Linux: same EventIDs as Windows Sysmon, product linux. */
export const LINUX_SYSMON_CHANNEL = 'linux-sysmon/operational';

/** Provider name → service, for records that lack a Channel. */
export const WINDOWS_PROVIDER_SERVICES: Readonly<Record<string, string>> = {
  'microsoft-windows-sysmon': 'sysmon',
  'microsoft-windows-security-auditing': 'security',
  'microsoft-windows-powershell': 'powershell',
};

export interface WindowsCategory {
  category: string;
  /** Service (from the channel) the events come from. */
  service: string;
  eventIds: readonly number[];
  /** Further EventData conditions (thor.yml: registry_add is EventID 12 with EventType CreateKey). */
  eventType?: readonly string[];
  /** Sigma field → field name in this source's events. */
  fieldmap?: Readonly<Record<string, string>>;
}

const sysmon = (category: string, ...eventIds: number[]): WindowsCategory => ({ category, service: 'sysmon', eventIds });

export const WINDOWS_CATEGORIES: readonly WindowsCategory[] = [
  sysmon('process_creation', 1),
  {
    category: 'process_creation',
    service: 'security',
    eventIds: [4688],
    // 4688 names the new process NewProcessName and its parent ParentProcessName; its ProcessId
    // field is the parent's id and NewProcessId the child's.
    fieldmap: { Image: 'NewProcessName', ParentImage: 'ParentProcessName', ProcessId: 'NewProcessId', ParentProcessId: 'ProcessId', LogonId: 'SubjectLogonId' },
  },
  sysmon('file_change', 2),
  sysmon('network_connection', 3),
  sysmon('sysmon_status', 4, 16),
  sysmon('process_termination', 5),
  sysmon('driver_load', 6),
  sysmon('image_load', 7),
  sysmon('create_remote_thread', 8),
  sysmon('raw_access_thread', 9),
  sysmon('process_access', 10),
  sysmon('file_event', 11),
  sysmon('registry_event', 12, 13, 14),
  { category: 'registry_add', service: 'sysmon', eventIds: [12], eventType: ['CreateKey'] },
  { category: 'registry_delete', service: 'sysmon', eventIds: [12], eventType: ['DeleteKey', 'DeleteValue'] },
  sysmon('registry_set', 13),
  sysmon('registry_rename', 14),
  sysmon('create_stream_hash', 15),
  sysmon('pipe_created', 17, 18),
  sysmon('wmi_event', 19, 20, 21),
  sysmon('dns_query', 22),
  sysmon('file_delete', 23),
  sysmon('clipboard_change', 24),
  sysmon('clipboard_capture', 24),
  sysmon('process_tampering', 25),
  sysmon('file_delete_detected', 26),
  sysmon('file_block_executable', 27),
  sysmon('file_block_shredding', 28),
  sysmon('file_executable_detected', 29),
  sysmon('sysmon_error', 255),
  { category: 'ps_module', service: 'powershell', eventIds: [4103] },
  { category: 'ps_script', service: 'powershell', eventIds: [4104] },
  { category: 'ps_classic_start', service: 'powershell-classic', eventIds: [400] },
  { category: 'ps_classic_provider_start', service: 'powershell-classic', eventIds: [600] },
  { category: 'ps_classic_script', service: 'powershell-classic', eventIds: [800] },
  {
    category: 'antivirus',
    service: 'windefend',
    eventIds: [1006, 1007, 1008, 1009, 1010, 1011, 1012, 1017, 1018, 1019, 1115, 1116],
    fieldmap: { Signature: 'ThreatName', Filename: 'Path' },
  },
];

/**
 * Sigma names of fields in the Windows `<System>` header → path below `Event.System`. The
 * specification's rule: an attribute is `Tag_Attribute` (`Provider_Name`), read from
 * `#attributes` in evtx_dump JSON.
 */
export const WINDOWS_SYSTEM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  EventID: ['EventID'],
  Version: ['Version'],
  Level: ['Level'],
  Task: ['Task'],
  Opcode: ['Opcode'],
  Keywords: ['Keywords'],
  EventRecordID: ['EventRecordID'],
  Channel: ['Channel'],
  Computer: ['Computer'],
  Provider_Name: ['Provider', '#attributes', 'Name'],
  Provider_Guid: ['Provider', '#attributes', 'Guid'],
  Provider_EventSourceName: ['Provider', '#attributes', 'EventSourceName'],
  Execution_ProcessID: ['Execution', '#attributes', 'ProcessID'],
  Execution_ThreadID: ['Execution', '#attributes', 'ThreadID'],
  Security_UserID: ['Security', '#attributes', 'UserID'],
  TimeCreated_SystemTime: ['TimeCreated', '#attributes', 'SystemTime'],
  Correlation_ActivityID: ['Correlation', '#attributes', 'ActivityID'],
  Correlation_RelatedActivityID: ['Correlation', '#attributes', 'RelatedActivityID'],
};

/**
 * Sigma fields that, when the event data does not carry them, fall back to a System field:
 * many rules group or filter on `ComputerName`, which Windows records as `Computer`.
 */
export const WINDOWS_FALLBACK_FIELDS: Readonly<Record<string, string>> = {
  ComputerName: 'Computer',
};

/**
 * Field names Hayabusa's rules use for `UserData` children that do not follow the
 * `<Wrapper><Child>` / `UserData<Child>` conventions the resolver understands on its own
 * (TerminalServices Gateway events).
 */
export const WINDOWS_FIELD_ALIASES: Readonly<Record<string, string>> = {
  RdsGtwUsername: 'Username',
  RdsGtwIpAddress: 'IpAddress',
  RdsGtwAuthType: 'AuthType',
  RdsGtwResource: 'Resource',
  RdsGtwConnectionProtocol: 'ConnectionProtocol',
  RdsGtwErrorCode: 'ErrorCode',
  RdsGtwBytesReceived: 'BytesReceived',
  RdsGtwBytesTransfered: 'BytesTransfered',
  RdsGtwSessionDuration: 'SessionDuration',
};

/** Service names some rules use for a service the channel table names differently. */
export const WINDOWS_SERVICE_ALIASES: Readonly<Record<string, string>> = {
  'microsoft-servicebus-client': 'servicebus-client',
};
