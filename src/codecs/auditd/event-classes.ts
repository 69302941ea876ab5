/**
 * ECS event.category / event.type for audit events: by record type for user-space and
 * standalone kernel messages, by system call for SYSCALL events (execve is a process
 * start, unlink a file deletion, connect a network connection).
 */

export interface EventClass {
  category: string[];
  type: string[];
}

const C = (category: string[], type: string[]): EventClass => ({ category, type });

const BY_RECORD_TYPE: Readonly<Record<string, EventClass>> = {
  USER_AUTH: C(['authentication'], ['info']),
  USER_ACCT: C(['authentication'], ['info']),
  USER_LOGIN: C(['authentication', 'session'], ['start']),
  USER_LOGOUT: C(['authentication', 'session'], ['end']),
  USER_START: C(['session'], ['start']),
  USER_END: C(['session'], ['end']),
  USER_ERR: C(['authentication'], ['info']),
  CRED_ACQ: C(['authentication'], ['info']),
  CRED_REFR: C(['authentication'], ['info']),
  CRED_DISP: C(['authentication'], ['info']),
  GRP_AUTH: C(['authentication'], ['info']),
  LOGIN: C(['authentication'], ['info']),
  ANOM_LOGIN_FAILURES: C(['authentication'], ['info']),
  ANOM_LOGIN_TIME: C(['authentication'], ['info']),
  ANOM_LOGIN_SESSIONS: C(['authentication'], ['info']),
  ANOM_LOGIN_ACCT: C(['authentication'], ['info']),
  ANOM_LOGIN_LOCATION: C(['authentication'], ['info']),
  CRYPTO_KEY_USER: C(['session'], ['info']),
  CRYPTO_SESSION: C(['session'], ['info']),
  ADD_USER: C(['iam'], ['user', 'creation']),
  DEL_USER: C(['iam'], ['user', 'deletion']),
  USER_MGMT: C(['iam'], ['user', 'change']),
  USER_CHAUTHTOK: C(['iam'], ['user', 'change']),
  ACCT_LOCK: C(['iam'], ['user', 'change']),
  ACCT_UNLOCK: C(['iam'], ['user', 'change']),
  USER_ROLE_CHANGE: C(['iam'], ['user', 'change']),
  ADD_GROUP: C(['iam'], ['group', 'creation']),
  DEL_GROUP: C(['iam'], ['group', 'deletion']),
  GRP_MGMT: C(['iam'], ['group', 'change']),
  GRP_CHAUTHTOK: C(['iam'], ['group', 'change']),
  USER_CMD: C(['process'], ['start']),
  USER_TTY: C(['process'], ['info']),
  TTY: C(['process'], ['info']),
  SERVICE_START: C(['process'], ['start']),
  SERVICE_STOP: C(['process'], ['end']),
  DAEMON_START: C(['process'], ['start']),
  DAEMON_END: C(['process'], ['end']),
  DAEMON_ABORT: C(['process'], ['end']),
  ANOM_ABEND: C(['process'], ['end']),
  SECCOMP: C(['process'], ['info']),
  SYSTEM_BOOT: C(['host'], ['start']),
  SYSTEM_SHUTDOWN: C(['host'], ['end']),
  SYSTEM_RUNLEVEL: C(['host'], ['change']),
  CONFIG_CHANGE: C(['configuration'], ['change']),
  DAEMON_CONFIG: C(['configuration'], ['change']),
  DAEMON_RECONFIG: C(['configuration'], ['change']),
  USYS_CONFIG: C(['configuration'], ['change']),
  NETFILTER_CFG: C(['configuration', 'network'], ['change']),
  ANOM_PROMISCUOUS: C(['network'], ['change']),
  KERN_MODULE: C(['driver'], ['info']),
  AVC: C(['intrusion_detection'], ['info']),
  USER_AVC: C(['intrusion_detection'], ['info']),
  SELINUX_ERR: C(['intrusion_detection'], ['info']),
  USER_SELINUX_ERR: C(['intrusion_detection'], ['info']),
  APPARMOR_DENIED: C(['intrusion_detection'], ['denied']),
  // Records of a syscall event seen without their SYSCALL record.
  EXECVE: C(['process'], ['start']),
  PROCTITLE: C(['process'], ['info']),
  CWD: C(['process'], ['info']),
  BPRM_FCAPS: C(['process'], ['change']),
  PATH: C(['file'], ['info']),
  SOCKADDR: C(['network'], ['info']),
};

const PROCESS_START = new Set(['execve', 'execveat', 'fork', 'vfork', 'clone', 'clone3']);
const FILE_CREATE = new Set(['creat', 'mkdir', 'mkdirat', 'mknod', 'mknodat', 'link', 'linkat', 'symlink', 'symlinkat']);
const FILE_DELETE = new Set(['unlink', 'unlinkat', 'rmdir']);
const FILE_CHANGE = new Set([
  'rename', 'renameat', 'renameat2', 'chmod', 'fchmod', 'fchmodat', 'fchmodat2', 'chown', 'fchown', 'fchownat', 'lchown',
  'truncate', 'ftruncate', 'setxattr', 'lsetxattr', 'fsetxattr', 'removexattr', 'lremovexattr', 'fremovexattr',
  'utime', 'utimes', 'utimensat', 'futimesat', 'mount', 'umount', 'umount2', 'write', 'pwrite64',
]);
const FILE_ACCESS = new Set(['open', 'openat', 'openat2', 'open_by_handle_at', 'access', 'faccessat', 'faccessat2', 'stat', 'lstat', 'newfstatat', 'statx', 'readlink', 'readlinkat', 'read']);
const NETWORK = new Set(['connect', 'bind', 'listen', 'accept', 'accept4', 'sendto', 'sendmsg', 'sendmmsg', 'recvfrom', 'recvmsg', 'recvmmsg', 'socket', 'socketcall']);
const DRIVER = new Set(['init_module', 'finit_module', 'delete_module']);
const PRIVILEGE = new Set(['setuid', 'setgid', 'setreuid', 'setregid', 'setresuid', 'setresgid', 'setfsuid', 'setfsgid', 'capset']);

/**
 * Classify a SYSCALL event. `nametypes` are the PATH records' nametype values: an open
 * that created or deleted a file says so there (CREATE, DELETE).
 */
export function classifySyscall(syscall: string, nametypes: readonly string[], hasExecve: boolean): EventClass {
  if (hasExecve || PROCESS_START.has(syscall)) return C(['process'], ['start']);
  if (DRIVER.has(syscall)) return C(['driver'], [syscall === 'delete_module' ? 'end' : 'start']);
  if (NETWORK.has(syscall)) return C(['network'], ['connection']);
  if (PRIVILEGE.has(syscall)) return C(['process'], ['change']);
  if (syscall === 'ptrace') return C(['process'], ['access']);
  if (FILE_CREATE.has(syscall) || nametypes.includes('CREATE')) return C(['file'], ['creation']);
  if (FILE_DELETE.has(syscall) || nametypes.includes('DELETE')) return C(['file'], ['deletion']);
  if (FILE_CHANGE.has(syscall)) return C(['file'], ['change']);
  if (FILE_ACCESS.has(syscall)) return C(['file'], ['access']);
  return C(['process'], ['info']);
}

export function classifyRecordType(type: string, data: Readonly<Record<string, string>>): EventClass {
  const base = BY_RECORD_TYPE[type];
  if (!base) return C(['host'], ['info']);
  const denied = data.seresult === 'denied' || data.apparmor === 'DENIED';
  if ((type === 'AVC' || type === 'USER_AVC') && denied) return C(base.category, ['denied']);
  return C([...base.category], [...base.type]);
}
