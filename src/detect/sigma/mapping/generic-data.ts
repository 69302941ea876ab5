/**
 * Non-Windows logsources, as data: how to recognise a raw JSON record of the source when nothing
 * declares its logsource (offline hunting over exported files), and the Sigma logsources the
 * taxonomy appendix defines, so a misspelt logsource in a rule is reported rather than silently
 * never matching.
 *
 * Events that arrive through Vigil's pipeline carry their logsource in `meta.logsource` (set by
 * the codec); recognition only runs when it is absent.
 */
import type { SigmaLogsource } from '../model/types.js';

export interface RecordRecognizer {
  logsource: SigmaLogsource;
  /** Every one of these key paths (dotted, nested objects) must be present. */
  allOf: readonly string[];
  /** Key path → accepted values (case-insensitive), when the keys alone are ambiguous. */
  equals?: Readonly<Record<string, readonly string[]>>;
  /** Key path whose (lower-cased) value becomes the service, e.g. Zeek's `_path`. */
  serviceFrom?: string;
}

/** Checked in order; the first recogniser that fits wins. */
export const RECORD_RECOGNIZERS: readonly RecordRecognizer[] = [
  { logsource: { product: 'aws', service: 'cloudtrail' }, allOf: ['eventSource', 'eventName', 'awsRegion'] },
  { logsource: { product: 'okta', service: 'okta' }, allOf: ['eventType', 'actor', 'published', 'uuid'] },
  { logsource: { product: 'gcp', service: 'gcp.audit' }, allOf: ['protoPayload', 'logName'] },
  { logsource: { product: 'gcp', service: 'google_workspace.admin' }, allOf: ['id.applicationName', 'events'], equals: { 'id.applicationName': ['admin'] } },
  { logsource: { product: 'azure', service: 'signinlogs' }, allOf: ['operationName', 'category'], equals: { category: ['SignInLogs', 'NonInteractiveUserSignInLogs'] } },
  { logsource: { product: 'azure', service: 'auditlogs' }, allOf: ['operationName', 'category'], equals: { category: ['AuditLogs'] } },
  { logsource: { product: 'azure', service: 'riskdetection' }, allOf: ['operationName', 'category'], equals: { category: ['UserRiskEvents', 'RiskDetection'] } },
  { logsource: { product: 'azure', service: 'activitylogs' }, allOf: ['operationName', 'resourceId'] },
  { logsource: { product: 'm365', service: 'audit' }, allOf: ['Workload', 'Operation', 'RecordType'] },
  { logsource: { product: 'github', service: 'audit' }, allOf: ['action', 'actor', 'org'] },
  { logsource: { product: 'kubernetes', service: 'audit' }, allOf: ['apiVersion', 'auditID', 'verb'] },
  { logsource: { product: 'zeek' }, allOf: ['_path', 'uid'], serviceFrom: '_path' },
  { logsource: { product: 'zeek', service: 'conn' }, allOf: ['uid', 'id.orig_h', 'proto', 'conn_state'] },
  { logsource: { product: 'zeek', service: 'dns' }, allOf: ['uid', 'id.orig_h', 'query', 'qtype_name'] },
  { logsource: { product: 'zeek', service: 'http' }, allOf: ['uid', 'id.orig_h', 'method', 'uri'] },
  { logsource: { product: 'linux', service: 'auditd' }, allOf: ['type', 'msg'], equals: { type: ['SYSCALL', 'EXECVE', 'PATH', 'USER_CMD', 'USER_AUTH', 'USER_LOGIN', 'CWD', 'PROCTITLE', 'CONFIG_CHANGE', 'USER_ACCT', 'ADD_USER', 'SERVICE_START'] } },
];

/** Logsources the Sigma taxonomy appendix defines beyond Windows (which windows-data.ts covers). */
export const KNOWN_LOGSOURCES: readonly SigmaLogsource[] = [
  ...['django', 'python', 'rpc_firewall', 'ruby_on_rails', 'spring', 'sql', 'jvm', 'nodejs', 'velocity', 'opencanary', 'kubernetes', 'modsecurity'].map((product) => ({ category: 'application', product })),
  { category: 'antivirus' },
  { category: 'database' },
  { product: 'aws', service: 'cloudtrail' },
  // Not in the taxonomy; the logsource Vigil's VPC flow log codec declares.
  { product: 'aws', service: 'vpcflow' },
  // Not in the taxonomy; the logsource of Vigil's mobile posture reports (src/codecs/mobile).
  { product: 'mobile', category: 'device_posture' },
  ...['activitylogs', 'auditlogs', 'riskdetection', 'pim', 'signinlogs'].map((service) => ({ product: 'azure', service })),
  { product: 'bitbucket', service: 'audit' },
  { product: 'cisco', service: 'duo' },
  { product: 'gcp', service: 'gcp.audit' },
  { product: 'gcp', service: 'google_workspace.admin' },
  { product: 'github', service: 'audit' },
  ...['audit', 'exchange', 'threat_detection', 'threat_management'].map((service) => ({ product: 'm365', service })),
  { product: 'okta', service: 'okta' },
  { product: 'onelogin', service: 'onelogin.events' },
  { product: 'kubernetes', service: 'audit' },
  { product: 'kubernetes', service: 'audit', category: 'application' },
  { product: 'gcp', service: 'google_workspace.login' },
  { product: 'fortigate', service: 'event' },
  ...['bgp'].flatMap((service) => [{ product: 'huawei', service }, { product: 'juniper', service }]),
  { service: 'nginx' },
  { service: 'netflow' },
  { product: 'paloalto', service: 'globalprotect', category: 'appliance' },
  { product: 'paloalto', service: 'globalprotect', category: 'file_event' },
  ...['file_event', 'network_connection', 'process_creation', 'process_termination', 'raw_access_thread', 'file_delete', 'file_change'].map((category) => ({ product: 'linux', category })),
  ...['auditd', 'auth', 'clamav', 'cron', 'guacamole', 'sudo', 'sshd', 'syslog', 'vsftpd', 'sysmon'].map((service) => ({ product: 'linux', service })),
  ...['file_event', 'process_creation'].map((category) => ({ product: 'macos', category })),
  ...['aaa', 'bgp', 'ldp', 'syslog'].map((service) => ({ product: 'cisco', service })),
  { product: 'huawei', service: 'ldp' },
  { product: 'juniper', service: 'ldp' },
  ...['conn', 'dce_rpc', 'dns', 'http', 'kerberos', 'rdp', 'smb_files', 'x509', 'ssl', 'files', 'notice', 'ntlm', 'smtp', 'ssh', 'weird'].map((service) => ({ product: 'zeek', service })),
  { category: 'dns' },
  { category: 'firewall' },
  { category: 'proxy' },
  { category: 'webserver' },
  { category: 'network', service: 'connection' },
  { category: 'network', service: 'dns' },
  { service: 'apache' },
  { product: 'modsecurity' },
  { product: 'fortios' },
  { product: 'paloalto' },
  { product: 'sonicwall' },
  { product: 'qualys' },
  { product: 'windows', category: 'file_access' },
  { product: 'windows', category: 'file_rename' },
  { product: 'windows', category: 'create_remote_thread' },
];

/**
 * Sigma (Sysmon-style) field → ECS field, used when an event has no native field of that name but
 * carries normalized ECS fields (events from Vigil's own codecs for non-Windows sources).
 */
export const SIGMA_TO_ECS: Readonly<Record<string, string>> = {
  Image: 'process.executable',
  CommandLine: 'process.command_line',
  ProcessId: 'process.pid',
  ParentImage: 'process.parent.executable',
  ParentCommandLine: 'process.parent.command_line',
  ParentProcessId: 'process.parent.pid',
  CurrentDirectory: 'process.working_directory',
  User: 'user.name',
  TargetFilename: 'file.path',
  SourceIp: 'source.ip',
  SourcePort: 'source.port',
  DestinationIp: 'destination.ip',
  DestinationPort: 'destination.port',
  DestinationHostname: 'destination.domain',
  QueryName: 'dns.question.name',
  Computer: 'host.name',
  ComputerName: 'host.name',
};

/**
 * Per-logsource aliases: a rule field → where the same value is in records of that logsource,
 * tried after the field's own name (so records that carry the rule's name still match as is).
 * SigmaHQ's cloud rules name fields after other exports than the provider's own: Azure rules
 * use Log Analytics columns (`ResultType`, `AuthenticationRequirement`) where diagnostic-settings
 * exports have `resultType` and `properties.authenticationRequirement`; GCP rules use Elastic's
 * `gcp.audit.method_name`; Workspace rules a flattened `eventName`/`eventService`. Values are a
 * native path (dotted) or an ECS field name of Vigil's cloud codecs (src/codecs/cloud/).
 */
const AZURE_STATUS = { Status: 'event.outcome' } as const;
export const LOGSOURCE_FIELD_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'azure/signinlogs': {
    ...AZURE_STATUS,
    ResultType: 'resultType',
    ResultDescription: 'resultDescription',
    Resultdescription: 'resultDescription',
    AuthenticationRequirement: 'properties.authenticationRequirement',
    conditionalAccessStatus: 'properties.conditionalAccessStatus',
    ConditionalAccessStatus: 'properties.conditionalAccessStatus',
    RiskState: 'properties.riskState',
    ResourceDisplayName: 'properties.resourceDisplayName',
    AppDisplayName: 'properties.appDisplayName',
    ClientApp: 'properties.clientAppUsed',
    Username: 'properties.userPrincipalName',
    UserPrincipalName: 'properties.userPrincipalName',
    userAgent: 'properties.userAgent',
    NetworkLocationDetails: 'properties.networkLocationDetails',
    'DeviceDetail.trusttype': 'properties.deviceDetail.trustType',
    'DeviceDetail.isCompliant': 'properties.deviceDetail.isCompliant',
    'DeviceDetail.deviceId': 'properties.deviceDetail.deviceId',
  },
  'azure/auditlogs': {
    ...AZURE_STATUS,
    // Azure Monitor's name for what Entra's audit export calls the activity ("Add user").
    'properties.message': 'properties.activityDisplayName',
    OperationName: 'operationName',
    Category: 'properties.category',
    LoggedByService: 'properties.loggedByService',
    ActivityDisplayName: 'properties.activityDisplayName',
    ActivityType: 'properties.activityDisplayName',
    activityType: 'properties.activityDisplayName',
    Initiatedby: 'user.name',
  },
  'azure/activitylogs': {
    OperationNameValue: 'operationName',
    CategoryValue: 'category',
    ResourceId: 'resourceId',
    ResourceProviderValue: 'event.provider',
  },
  'gcp/gcp.audit': {
    'gcp.audit.method_name': 'protoPayload.methodName',
    'data.protoPayload.methodName': 'protoPayload.methodName',
    'data.protoPayload.serviceName': 'protoPayload.serviceName',
    'data.protoPayload.resource.type': 'resource.type',
    'data.protoPayload.logName': 'logName',
  },
  // Workspace login rules name the Cloud Logging export (`protoPayload.metadata.event[].eventName`);
  // both that export (gcp codec) and the Reports API (gworkspace codec) carry it as event.action.
  'gcp/google_workspace.login': {
    'protoPayload.Servicename': 'protoPayload.serviceName',
    'protoPayload.serviceName': 'event.provider',
    'protoPayload.metadata.event.eventName': 'event.action',
  },
  'gcp/google_workspace.admin': {
    eventService: 'event.provider',
    eventName: 'event.action',
    setting_name: 'google_workspace.admin.setting.name',
    new_value: 'google_workspace.admin.new_value',
  },
};
