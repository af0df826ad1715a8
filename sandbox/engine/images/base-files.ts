/**
 * The files and commands the base distributions ship, shared by the images built on them.
 * Only what a learner is likely to look at is modelled (os-release, passwd, hosts-related files,
 * shell start-up files); /etc/hosts, /etc/resolv.conf and /etc/hostname are written by the
 * kubelet per pod, not here.
 */
import type { ImageFile } from "./types.ts";

export const STANDARD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
export const BUSYBOX_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const file = (content: string, mode?: number): ImageFile =>
  mode === undefined ? { content } : { content, mode };

export const DEBIAN_BOOKWORM_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

export const DEBIAN_TRIXIE_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 13 (trixie)"
NAME="Debian GNU/Linux"
VERSION_ID="13"
VERSION="13 (trixie)"
VERSION_CODENAME=trixie
DEBIAN_VERSION_FULL=13.2
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

export const ALPINE_OS_RELEASE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.22.2
PRETTY_NAME="Alpine Linux v3.22"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;

const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

/** GNU coreutils and friends in a Debian slim base: note no curl, wget, ps, ping or editors. */
export const DEBIAN_COMMANDS: readonly string[] = [
  "apt",
  "apt-get",
  "awk",
  "base64",
  "basename",
  "bash",
  "cat",
  "chmod",
  "chown",
  "cp",
  "cut",
  "date",
  "dd",
  "df",
  "dirname",
  "dpkg",
  "du",
  "echo",
  "env",
  "expr",
  "false",
  "find",
  "getent",
  "grep",
  "gzip",
  "head",
  "hostname",
  "id",
  "kill",
  "ln",
  "ls",
  "md5sum",
  "mkdir",
  "mktemp",
  "more",
  "mount",
  "mv",
  "nproc",
  "od",
  "perl",
  "printenv",
  "printf",
  "pwd",
  "readlink",
  "rm",
  "rmdir",
  "sed",
  "seq",
  "sh",
  "sha256sum",
  "sleep",
  "sort",
  "stat",
  "tac",
  "tail",
  "tar",
  "tee",
  "test",
  "timeout",
  "touch",
  "tr",
  "true",
  "uname",
  "uniq",
  "wc",
  // debianutils (Essential in bookworm and trixie) ships /usr/bin/which.
  "which",
  "whoami",
  "xargs",
  "yes",
];

/** What `apt-get install -y <pkg>` adds on the Debian images (after `apt-get update`). */
export const DEBIAN_INSTALLABLE = {
  curl: { commands: ["curl"] },
  wget: { commands: ["wget"] },
  procps: { commands: ["ps", "top", "free", "pkill", "pgrep", "watch"] },
  "iputils-ping": { commands: ["ping"] },
  dnsutils: { commands: ["nslookup", "dig", "host"] },
  "bind9-dnsutils": { commands: ["nslookup", "dig", "host"] },
  "netcat-openbsd": { commands: ["nc"] },
  iproute2: { commands: ["ip", "ss"] },
  "net-tools": { commands: ["netstat", "ifconfig"] },
  vim: { commands: ["vim", "vi"] },
  less: { commands: ["less"] },
} as const;

export function debianBaseFiles(osRelease: string, debianVersion: string): Record<string, ImageFile> {
  return {
    "/etc/os-release": file(osRelease),
    "/usr/lib/os-release": file(osRelease),
    "/etc/debian_version": file(`${debianVersion}\n`),
    "/etc/passwd": file(DEBIAN_PASSWD),
    "/etc/group": file("root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nwww-data:x:33:\nnogroup:x:65534:\n"),
    "/etc/shells": file(
      "# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n",
    ),
    "/root/.bashrc": file(
      "# ~/.bashrc: executed by bash(1) for non-login shells.\n\n# Note: PS1 and umask are already set in /etc/profile. You should not\n# need this unless you want different defaults for root.\n# umask 022\n",
    ),
    "/root/.profile": file(
      '# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ "$BASH" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n',
    ),
    "/tmp/.keep": file(""),
    "/var/lib/apt/lists/.keep": file(""),
  };
}

export const BUSYBOX_PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

/**
 * BusyBox applets most lessons touch (the real binary has ~400). Alpine's busybox lacks a few of
 * these (e.g. no `nslookup` quirks differ) but the set is close enough for learners' commands.
 */
export const BUSYBOX_APPLETS: readonly string[] = [
  "ash",
  "awk",
  "base64",
  "basename",
  "cat",
  "chmod",
  "chown",
  "cp",
  "cut",
  "date",
  "dd",
  "df",
  "dirname",
  "dmesg",
  "du",
  "echo",
  "env",
  "expr",
  "false",
  "find",
  "free",
  "grep",
  "gzip",
  "head",
  "hostname",
  "id",
  "ifconfig",
  "ip",
  "kill",
  "ln",
  "ls",
  "md5sum",
  "mkdir",
  "mktemp",
  "more",
  "mount",
  "mv",
  "nc",
  "netstat",
  "nslookup",
  "od",
  "ping",
  "printenv",
  "printf",
  "ps",
  "pwd",
  "readlink",
  "rm",
  "rmdir",
  "sed",
  "seq",
  "sh",
  "sha256sum",
  "sleep",
  "sort",
  "stat",
  "tac",
  "tail",
  "tar",
  "tee",
  "telnet",
  "test",
  "timeout",
  "top",
  "touch",
  "tr",
  "true",
  "uname",
  "uniq",
  "uptime",
  "vi",
  "watch",
  "wc",
  "wget",
  "whoami",
  "xargs",
  "yes",
];
