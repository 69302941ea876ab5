/**
 * Windows event channel → Sigma `logsource.service`, as SigmaHQ's own mapping
 * (tests/thor.yml in the SigmaHQ repository) lists them.
 */
export const CHANNEL_SERVICES: Readonly<Record<string, string>> = {
  Application: 'application',
  Security: 'security',
  System: 'system',
  'Microsoft-Windows-NTLM/Operational': 'ntlm',
  'Microsoft-Windows-Sysmon/Operational': 'sysmon',
  'Microsoft-Windows-PowerShell/Operational': 'powershell',
  'PowerShellCore/Operational': 'powershell',
  'Windows PowerShell': 'powershell-classic',
  'Microsoft-Windows-TaskScheduler/Operational': 'taskscheduler',
  'Microsoft-Windows-WMI-Activity/Operational': 'wmi',
  'Microsoft-Windows-DHCP-Server/Operational': 'dhcp',
  'Microsoft-Windows-PrintService/Admin': 'printservice-admin',
  'Microsoft-Windows-PrintService/Operational': 'printservice-operational',
  'Microsoft-Windows-SmbClient/Security': 'smbclient-security',
  'Microsoft-Windows-SmbClient/Connectivity': 'smbclient-connectivity',
  'Microsoft-Windows-SMBServer/Connectivity': 'smbserver-connectivity',
  'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational': 'terminalservices-localsessionmanager',
  'Microsoft-Windows-CodeIntegrity/Operational': 'codeintegrity-operational',
  'Microsoft-Windows-AppLocker/MSI and Script': 'applocker',
  'Microsoft-Windows-AppLocker/EXE and DLL': 'applocker',
  'Microsoft-Windows-AppLocker/Packaged app-Deployment': 'applocker',
  'Microsoft-Windows-AppLocker/Packaged app-Execution': 'applocker',
  'MSExchange Management': 'msexchange-management',
  'Microsoft-Windows-Windows Defender/Operational': 'windefend',
  'Microsoft-Windows-Windows Firewall With Advanced Security/Firewall': 'firewall-as',
  'Microsoft-Windows-Bits-Client/Operational': 'bits-client',
  'Microsoft-Windows-Security-Mitigations/Kernel Mode': 'security-mitigations',
  'Microsoft-Windows-Security-Mitigations/User Mode': 'security-mitigations',
  'Microsoft-Windows-Diagnosis-Scripted/Operational': 'diagnosis-scripted',
  'Microsoft-Windows-Shell-Core/Operational': 'shell-core',
  'OpenSSH/Operational': 'openssh',
  'Microsoft-Windows-LDAP-Client/Debug': 'ldap',
  'Microsoft-Windows-BitLocker/BitLocker Management': 'bitlocker',
  'Microsoft-Windows-VHDMP/Operational': 'vhdmp',
  'Microsoft-Windows-AppXDeploymentServer/Operational': 'appxdeployment-server',
  'Microsoft-Windows-LSA/Operational': 'lsa-server',
  'Microsoft-Windows-AppxPackaging/Operational': 'appxpackaging-om',
  'Microsoft-Windows-DNS Client Events/Operational': 'dns-client',
  'Microsoft-Windows-AppModel-Runtime/Admin': 'appmodel-runtime',
  'Microsoft-Windows-CAPI2/Operational': 'capi2',
  'Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational': 'certificateservicesclient-lifecycle-system',
  'Microsoft-Windows-Kernel-ShimEngine/Operational': 'kernel-shimengine',
  'Microsoft-Windows-Kernel-ShimEngine/Diagnostic': 'kernel-shimengine',
  'Microsoft-Windows-Application-Experience/Program-Telemetry': 'application-experience',
  'Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant': 'application-experience',
  'Microsoft-Windows-Ntfs/Operational': 'ntfs',
  'Microsoft-Windows-Hyper-V-Worker': 'hyper-v-worker',
  'Microsoft-Windows-Kernel-EventTracing': 'kernel-event-tracing',
  'Microsoft-Windows-SENSE/Operational': 'sense',
  'Microsoft-ServiceBus-Client/Admin': 'servicebus-client',
  'Microsoft-ServiceBus-Client/Operational': 'servicebus-client',
  'Microsoft-IIS-Configuration/Operational': 'iis-configuration',
};

const lowerCase = new Map(Object.entries(CHANNEL_SERVICES).map(([k, v]) => [k.toLowerCase(), v]));

/** The Sigma service for a channel name (case-insensitive, as Windows treats channel names). */
export function serviceForChannel(channel: string): string | undefined {
  return CHANNEL_SERVICES[channel] ?? lowerCase.get(channel.toLowerCase());
}
