/**
 * Kernel constants that audit records log as numbers: audit architecture ids (linux/audit.h),
 * errno values (asm-generic/errno*.h) and signal numbers (asm/signal.h, x86 and generic
 * numbering). Generated from the Linux UAPI headers.
 */

/** `number:name` pairs separated by spaces, the compact form the generated tables use. */
export function parsePairs(lines: readonly string[]): ReadonlyMap<number, string> {
  const map = new Map<number, string>();
  for (const line of lines) {
    for (const pair of line.split(' ')) {
      const colon = pair.indexOf(':');
      if (colon > 0) map.set(Number(pair.slice(0, colon)), pair.slice(colon + 1));
    }
  }
  return map;
}

/** AUDIT_ARCH_* values as logged (`arch=c000003e`), lower-case hex. */
export const AUDIT_ARCHES: Readonly<Record<string, string>> = {
  'c000003e': 'x86_64',
  '40000003': 'i386',
  'c00000b7': 'aarch64',
  '40000028': 'arm',
  '28': 'armeb',
  '14': 'ppc',
  '80000015': 'ppc64',
  'c0000015': 'ppc64le',
  '16': 's390',
  '80000016': 's390x',
  '8': 'mips',
  '40000008': 'mipsel',
  '80000008': 'mips64',
  'c0000008': 'mipsel64',
  'a0000008': 'mips64n32',
  'e0000008': 'mipsel64n32',
  '400000f3': 'riscv32',
  'c00000f3': 'riscv64',
  'c0000032': 'ia64',
  'c0009026': 'alpha',
  '2': 'sparc',
  '8000002b': 'sparc64',
  'c0000102': 'loongarch64',
  'f': 'parisc',
  '8000000f': 'parisc64',
  '2a': 'sh',
  '4000002a': 'shel',
  '8000002a': 'sh64',
  'c000002a': 'shel64',
  '4': 'm68k',
  'bd': 'microblaze',
  '5c': 'openrisc',
  '400000fc': 'csky',
  '5e': 'xtensa',
};

/** errno number → symbolic name (`-13` in `exit=` → EACCES). */
const ERRNO = parsePairs([
  '1:EPERM 2:ENOENT 3:ESRCH 4:EINTR 5:EIO 6:ENXIO 7:E2BIG 8:ENOEXEC 9:EBADF 10:ECHILD 11:EAGAIN',
  '12:ENOMEM 13:EACCES 14:EFAULT 15:ENOTBLK 16:EBUSY 17:EEXIST 18:EXDEV 19:ENODEV 20:ENOTDIR',
  '21:EISDIR 22:EINVAL 23:ENFILE 24:EMFILE 25:ENOTTY 26:ETXTBSY 27:EFBIG 28:ENOSPC 29:ESPIPE',
  '30:EROFS 31:EMLINK 32:EPIPE 33:EDOM 34:ERANGE 35:EDEADLK 36:ENAMETOOLONG 37:ENOLCK 38:ENOSYS',
  '39:ENOTEMPTY 40:ELOOP 42:ENOMSG 43:EIDRM 44:ECHRNG 45:EL2NSYNC 46:EL3HLT 47:EL3RST 48:ELNRNG',
  '49:EUNATCH 50:ENOCSI 51:EL2HLT 52:EBADE 53:EBADR 54:EXFULL 55:ENOANO 56:EBADRQC 57:EBADSLT',
  '59:EBFONT 60:ENOSTR 61:ENODATA 62:ETIME 63:ENOSR 64:ENONET 65:ENOPKG 66:EREMOTE 67:ENOLINK',
  '68:EADV 69:ESRMNT 70:ECOMM 71:EPROTO 72:EMULTIHOP 73:EDOTDOT 74:EBADMSG 75:EOVERFLOW 76:ENOTUNIQ',
  '77:EBADFD 78:EREMCHG 79:ELIBACC 80:ELIBBAD 81:ELIBSCN 82:ELIBMAX 83:ELIBEXEC 84:EILSEQ',
  '85:ERESTART 86:ESTRPIPE 87:EUSERS 88:ENOTSOCK 89:EDESTADDRREQ 90:EMSGSIZE 91:EPROTOTYPE',
  '92:ENOPROTOOPT 93:EPROTONOSUPPORT 94:ESOCKTNOSUPPORT 95:EOPNOTSUPP 96:EPFNOSUPPORT',
  '97:EAFNOSUPPORT 98:EADDRINUSE 99:EADDRNOTAVAIL 100:ENETDOWN 101:ENETUNREACH 102:ENETRESET',
  '103:ECONNABORTED 104:ECONNRESET 105:ENOBUFS 106:EISCONN 107:ENOTCONN 108:ESHUTDOWN',
  '109:ETOOMANYREFS 110:ETIMEDOUT 111:ECONNREFUSED 112:EHOSTDOWN 113:EHOSTUNREACH 114:EALREADY',
  '115:EINPROGRESS 116:ESTALE 117:EUCLEAN 118:ENOTNAM 119:ENAVAIL 120:EISNAM 121:EREMOTEIO',
  '122:EDQUOT 123:ENOMEDIUM 124:EMEDIUMTYPE 125:ECANCELED 126:ENOKEY 127:EKEYEXPIRED',
  '128:EKEYREVOKED 129:EKEYREJECTED 130:EOWNERDEAD 131:ENOTRECOVERABLE 132:ERFKILL 133:EHWPOISON',
]);

/** signal number → name (`sig=31` → SIGSYS). */
const SIGNALS = parsePairs([
  '1:SIGHUP 2:SIGINT 3:SIGQUIT 4:SIGILL 5:SIGTRAP 6:SIGABRT 7:SIGBUS 8:SIGFPE 9:SIGKILL 10:SIGUSR1',
  '11:SIGSEGV 12:SIGUSR2 13:SIGPIPE 14:SIGALRM 15:SIGTERM 16:SIGSTKFLT 17:SIGCHLD 18:SIGCONT',
  '19:SIGSTOP 20:SIGTSTP 21:SIGTTIN 22:SIGTTOU 23:SIGURG 24:SIGXCPU 25:SIGXFSZ 26:SIGVTALRM',
  '27:SIGPROF 28:SIGWINCH 29:SIGIO 30:SIGPWR 31:SIGSYS',
]);

export function errnoName(n: number): string | undefined {
  return ERRNO.get(n);
}

export function signalName(n: number): string | undefined {
  return SIGNALS.get(n);
}

/** `c000003e` → `x86_64`; unknown values are returned as logged. */
export function archName(hex: string): string {
  return AUDIT_ARCHES[hex.toLowerCase().replace(/^0x/, '')] ?? hex;
}
