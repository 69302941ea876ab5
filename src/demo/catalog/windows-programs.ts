/**
 * Windows programs for Sysmon process creation: the images (with their version resources and
 * hashes) and the everyday process launches normal workstations produce. Command lines that
 * contain the user's profile path are templates ('{user}'), expanded once per user when the
 * world is built, so the hot loop only picks precomputed strings.
 *
 * Nothing here may look like the attack story: no encoded or hidden PowerShell, no download
 * cradles, no LOLBins fetching URLs, no executables run from Temp.
 */
import { Prng } from '../prng.js';
import type { WindowsImage } from '../sources/sysmon.js';

interface ImageSpec {
  path: string;
  description: string;
  product: string;
  company: string;
  version: string;
}

const MS = 'Microsoft Corporation';
const WINDOWS = 'Microsoft® Windows® Operating System';
const WIN_VERSION = '10.0.22621.3085 (WinBuild.160101.0800)';

const IMAGE_SPECS: Record<string, ImageSpec> = {
  explorer: { path: 'C:\\Windows\\explorer.exe', description: 'Windows Explorer', product: WINDOWS, company: MS, version: WIN_VERSION },
  services: { path: 'C:\\Windows\\System32\\services.exe', description: 'Services and Controller app', product: WINDOWS, company: MS, version: WIN_VERSION },
  svchost: { path: 'C:\\Windows\\System32\\svchost.exe', description: 'Host Process for Windows Services', product: WINDOWS, company: MS, version: WIN_VERSION },
  taskhostw: { path: 'C:\\Windows\\System32\\taskhostw.exe', description: 'Host Process for Windows Tasks', product: WINDOWS, company: MS, version: WIN_VERSION },
  runtimebroker: { path: 'C:\\Windows\\System32\\RuntimeBroker.exe', description: 'Runtime Broker', product: WINDOWS, company: MS, version: WIN_VERSION },
  searchprotocolhost: { path: 'C:\\Windows\\System32\\SearchProtocolHost.exe', description: 'Microsoft Windows Search Protocol Host', product: WINDOWS, company: MS, version: WIN_VERSION },
  backgroundtaskhost: { path: 'C:\\Windows\\System32\\backgroundTaskHost.exe', description: 'Background Task Host', product: WINDOWS, company: MS, version: WIN_VERSION },
  cmd: { path: 'C:\\Windows\\System32\\cmd.exe', description: 'Windows Command Processor', product: WINDOWS, company: MS, version: WIN_VERSION },
  conhost: { path: 'C:\\Windows\\System32\\conhost.exe', description: 'Console Window Host', product: WINDOWS, company: MS, version: WIN_VERSION },
  powershell: { path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', description: 'Windows PowerShell', product: WINDOWS, company: MS, version: WIN_VERSION },
  notepad: { path: 'C:\\Windows\\System32\\notepad.exe', description: 'Notepad', product: WINDOWS, company: MS, version: WIN_VERSION },
  certutil: { path: 'C:\\Windows\\System32\\certutil.exe', description: 'CertUtil.exe', product: WINDOWS, company: MS, version: WIN_VERSION },
  mpcmdrun: { path: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24010.12-0\\MpCmdRun.exe', description: 'Microsoft Malware Protection Command Line Utility', product: WINDOWS, company: MS, version: '4.18.24010.12 (WinBuild.160101.0800)' },
  chrome: { path: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', description: 'Google Chrome', product: 'Google Chrome', company: 'Google LLC', version: '122.0.6261.112' },
  msedge: { path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', description: 'Microsoft Edge', product: 'Microsoft Edge', company: MS, version: '122.0.2365.80' },
  outlook: { path: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', description: 'Microsoft Outlook', product: 'Microsoft Outlook', company: MS, version: '16.0.17328.20162' },
  winword: { path: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', description: 'Microsoft Word', product: 'Microsoft Office', company: MS, version: '16.0.17328.20162' },
  excel: { path: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', description: 'Microsoft Excel', product: 'Microsoft Office', company: MS, version: '16.0.17328.20162' },
  teams: { path: 'C:\\Program Files\\WindowsApps\\MSTeams_24004.1307.2669.7070_x64__8wekyb3d8bbwe\\ms-teams.exe', description: 'Microsoft Teams', product: 'Microsoft Teams', company: MS, version: '24004.1307.2669.7070' },
  webview: { path: 'C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\122.0.2365.80\\msedgewebview2.exe', description: 'Microsoft Edge WebView2', product: 'Microsoft Edge WebView2', company: MS, version: '122.0.2365.80' },
  code: { path: 'C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', description: 'Visual Studio Code', product: 'Visual Studio Code', company: MS, version: '1.87.2' },
  git: { path: 'C:\\Program Files\\Git\\cmd\\git.exe', description: 'Git for Windows', product: 'Git', company: 'The Git Development Community', version: '2.44.0.windows.1' },
  onedrive: { path: 'C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe', description: 'Microsoft OneDrive', product: 'Microsoft OneDrive', company: MS, version: '24.035.0218.0003' },
};

/** Builds the image record; hashes derive from the path only, as one binary has one hash everywhere. */
export function windowsImage(key: string, user: string): WindowsImage {
  const spec = IMAGE_SPECS[key];
  if (spec === undefined) throw new Error(`unknown demo image ${key}`);
  const path = spec.path.replaceAll('{user}', user);
  const rng = new Prng(spec.path, 'image-hash');
  const md5 = rng.hexUpper(32);
  const sha256 = rng.hexUpper(64);
  const imphash = rng.hexUpper(32);
  const base = path.slice(path.lastIndexOf('\\') + 1);
  return {
    path,
    file_version: spec.version,
    description: spec.description,
    product: spec.product,
    company: spec.company,
    original_file_name: base.toLowerCase() === 'code.exe' ? 'electron.exe' : base,
    hashes: `MD5=${md5},SHA256=${sha256},IMPHASH=${imphash}`,
    sha256,
  };
}

export interface ProcessLaunchSpec {
  image: string;
  parent: string;
  /** Command line; '{user}' is the workstation owner. */
  command: string;
  parent_command: string;
  cwd: string;
  /** Runs as the workstation owner, or as SYSTEM (services, updaters). */
  as: 'owner' | 'system';
  weight: number;
}

const USER_HOME = 'C:\\Users\\{user}\\';

export const PROCESS_LAUNCHES: readonly ProcessLaunchSpec[] = [
  { image: 'chrome', parent: 'chrome', command: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --lang=en-US --num-raster-threads=4 --enable-main-frame-before-activation', parent_command: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"', cwd: 'C:\\Program Files\\Google\\Chrome\\Application\\122.0.6261.112\\', as: 'owner', weight: 30 },
  { image: 'chrome', parent: 'explorer', command: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"', parent_command: 'C:\\Windows\\Explorer.EXE', cwd: 'C:\\Program Files\\Google\\Chrome\\Application\\', as: 'owner', weight: 6 },
  { image: 'msedge', parent: 'explorer', command: '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --single-argument https://intranet.corp.example.com/', parent_command: 'C:\\Windows\\Explorer.EXE', cwd: USER_HOME, as: 'owner', weight: 4 },
  { image: 'webview', parent: 'teams', command: '"C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\122.0.2365.80\\msedgewebview2.exe" --embedded-browser-webview=1 --webview-exe-name=ms-teams.exe', parent_command: '"C:\\Program Files\\WindowsApps\\MSTeams_24004.1307.2669.7070_x64__8wekyb3d8bbwe\\ms-teams.exe"', cwd: USER_HOME, as: 'owner', weight: 10 },
  { image: 'outlook', parent: 'explorer', command: '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"', parent_command: 'C:\\Windows\\Explorer.EXE', cwd: USER_HOME, as: 'owner', weight: 3 },
  { image: 'teams', parent: 'explorer', command: '"C:\\Program Files\\WindowsApps\\MSTeams_24004.1307.2669.7070_x64__8wekyb3d8bbwe\\ms-teams.exe" --system-initiated', parent_command: 'C:\\Windows\\Explorer.EXE', cwd: USER_HOME, as: 'owner', weight: 2 },
  { image: 'winword', parent: 'explorer', command: '"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n "C:\\Users\\{user}\\Documents\\Project plan.docx"', parent_command: 'C:\\Windows\\Explorer.EXE', cwd: USER_HOME + 'Documents\\', as: 'owner', weight: 3 },
  { image: 'excel', parent: 'explorer', command: '"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE" "C:\\Users\\{user}\\Documents\\Budget 2024.xlsx"', parent_command: 'C:\\Windows\\Explorer.EXE', cwd: USER_HOME + 'Documents\\', as: 'owner', weight: 3 },
  { image: 'code', parent: 'explorer', command: '"C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe"', parent_command: 'C:\\Windows\\Explorer.EXE', cwd: USER_HOME, as: 'owner', weight: 2 },
  { image: 'git', parent: 'code', command: '"C:\\Program Files\\Git\\cmd\\git.exe" fetch --quiet --prune', parent_command: '"C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe"', cwd: USER_HOME + 'src\\platform\\', as: 'owner', weight: 5 },
  { image: 'git', parent: 'code', command: '"C:\\Program Files\\Git\\cmd\\git.exe" status -z -uall', parent_command: '"C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe"', cwd: USER_HOME + 'src\\platform\\', as: 'owner', weight: 5 },
  { image: 'svchost', parent: 'services', command: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', parent_command: 'C:\\Windows\\system32\\services.exe', cwd: 'C:\\Windows\\system32\\', as: 'system', weight: 4 },
  { image: 'svchost', parent: 'services', command: 'C:\\Windows\\system32\\svchost.exe -k wsappx -p -s AppXSvc', parent_command: 'C:\\Windows\\system32\\services.exe', cwd: 'C:\\Windows\\system32\\', as: 'system', weight: 2 },
  { image: 'taskhostw', parent: 'svchost', command: 'taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly', parent_command: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', cwd: 'C:\\Windows\\system32\\', as: 'owner', weight: 4 },
  { image: 'runtimebroker', parent: 'svchost', command: 'C:\\Windows\\System32\\RuntimeBroker.exe -Embedding', parent_command: 'C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p', cwd: 'C:\\Windows\\system32\\', as: 'owner', weight: 5 },
  { image: 'backgroundtaskhost', parent: 'svchost', command: '"C:\\Windows\\system32\\backgroundTaskHost.exe" -ServerName:BackgroundTaskHost.WebAccountProvider', parent_command: 'C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p', cwd: 'C:\\Windows\\system32\\', as: 'owner', weight: 3 },
  { image: 'searchprotocolhost', parent: 'svchost', command: '"C:\\Windows\\system32\\SearchProtocolHost.exe" Global\\UsGthrFltPipeMssGthrPipe1_ Global\\UsGthrCtrlFltPipeMssGthrPipe1 1 -2147483646 "Software\\Microsoft\\Windows Search" "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)" "C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc" "DownLevelDaemon"', parent_command: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s WSearch', cwd: 'C:\\Windows\\system32\\', as: 'system', weight: 3 },
  { image: 'mpcmdrun', parent: 'svchost', command: '"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24010.12-0\\MpCmdRun.exe" -SignatureUpdate -ScheduleJob -RestrictPrivileges', parent_command: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', cwd: 'C:\\Windows\\system32\\', as: 'system', weight: 1 },
  { image: 'cmd', parent: 'explorer', command: '"C:\\Windows\\system32\\cmd.exe"', parent_command: 'C:\\Windows\\Explorer.EXE', cwd: USER_HOME, as: 'owner', weight: 1 },
  { image: 'conhost', parent: 'cmd', command: '\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1', parent_command: '"C:\\Windows\\system32\\cmd.exe"', cwd: 'C:\\Windows\\system32\\', as: 'owner', weight: 1 },
  { image: 'powershell', parent: 'explorer', command: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"', parent_command: 'C:\\Windows\\Explorer.EXE', cwd: USER_HOME, as: 'owner', weight: 1 },
  { image: 'notepad', parent: 'explorer', command: '"C:\\Windows\\system32\\NOTEPAD.EXE" C:\\Users\\{user}\\Documents\\notes.txt', parent_command: 'C:\\Windows\\Explorer.EXE', cwd: USER_HOME + 'Documents\\', as: 'owner', weight: 2 },
  { image: 'onedrive', parent: 'explorer', command: '"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background', parent_command: 'C:\\Windows\\Explorer.EXE', cwd: USER_HOME, as: 'owner', weight: 2 },
];
