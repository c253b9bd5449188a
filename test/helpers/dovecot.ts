// A real Dovecot IMAP server for a test file (or a benchmark): its own config, users and Maildirs in
// a temporary folder, on a free port of 127.0.0.1, plaintext login. Mail is owned by `nobody`
// (Dovecot refuses uids below 500) and the users file is world-readable for the auth process.
// A machine without Dovecot is an error that says how to install it, never a silent skip.
// With `oauth2IntrospectionUrl`, XOAUTH2 and OAUTHBEARER sign-ins go to an `oauth2` passdb that
// asks that OAuth server (RFC 7662 introspection) whether the bearer token is active and whose it
// is, as a provider's IMAP server does; passwords still work for arranging mailboxes.
import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { freePort } from './free-port';

const run = promisify(execFile);

export type MaildirMessage = { raw: Buffer | string; seen?: boolean; date?: Date };

export type Dovecot = {
  host: string;
  port: number;
  dir: string;
  /** Adds (or changes the password of) a user, and waits until Dovecot will see it. */
  addUser: (email: string, password: string) => Promise<void>;
  /** The same for many users at once (one wait). */
  addUsers: (users: { email: string; password: string }[]) => Promise<void>;
  /** A logged-in imapflow client for arranging a test's mailbox (not the code under test). */
  client: (email: string, password: string) => Promise<ImapFlow>;
  append: (email: string, password: string, folder: string, messages: MaildirMessage[]) => Promise<number[]>;
  /** Writes messages straight into the user's Maildir (fast: for thousands of messages). */
  writeMaildir: (email: string, folder: string, messages: Iterable<MaildirMessage>) => number;
  setUidValidity: (email: string, folder: string, uidValidity: number) => Promise<void>;
  stop: () => Promise<void>;
  /** Starts it again on the same port (after stop()). */
  start: () => Promise<void>;
};

export type DovecotOptions = {
  oauth2IntrospectionUrl?: string;
  /** false: a server that does not offer QRESYNC (its capability list without it), like many do. */
  qresync?: boolean;
};

export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const binary = findDovecot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-dovecot-'));
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const nobody = userIds('nobody');
  fs.chownSync(path.join(dir, 'mail'), nobody.uid, nobody.gid);
  const usersFile = path.join(dir, 'users');
  fs.writeFileSync(usersFile, '', { mode: 0o644 });
  const port = await freePort();
  const conf = path.join(dir, 'dovecot.conf');
  let oauth2Conf: string | null = null;
  if (options.oauth2IntrospectionUrl) {
    oauth2Conf = path.join(dir, 'dovecot-oauth2.conf.ext');
    fs.writeFileSync(
      oauth2Conf,
      [
        'introspection_mode = post',
        `introspection_url = ${options.oauth2IntrospectionUrl}`,
        'force_introspection = yes',
        'username_attribute = username',
        'active_attribute = active',
        'active_value = true',
        '',
      ].join('\n'),
      { mode: 0o644 },
    );
  }
  fs.writeFileSync(conf, config(dir, port, usersFile, oauth2Conf, options.qresync !== false));
  const users = new Map<string, string>();

  const start = async () => {
    await daemon(binary, ['-c', conf]);
    await waitForPort(port, true);
  };
  const stop = async () => {
    await daemon(binary, ['-c', conf, 'stop']);
    await waitForPort(port, false);
  };
  await start();

  const addUsers = async (list: { email: string; password: string }[]) => {
    for (const { email, password } of list) {
      if (/[:\s]/.test(email) || /[\r\n]/.test(password)) throw new Error('test users: no spaces or colons');
      users.set(email, password);
    }
    fs.writeFileSync(usersFile, [...users].map(([u, p]) => `${u}:{PLAIN}${p}\n`).join(''), { mode: 0o644 });
    // Dovecot rereads the file when its mtime (in whole seconds) changes, and looks at most once
    // per second: let the current second pass.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
  };
  const addUser = (email: string, password: string) => addUsers([{ email, password }]);

  const client = async (email: string, password: string) => {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: email, pass: password },
      logger: false,
      disableAutoIdle: true,
    });
    c.on('error', () => {});
    await c.connect();
    return c;
  };

  const append = async (email: string, password: string, folder: string, messages: MaildirMessage[]) => {
    const c = await client(email, password);
    try {
      if (folder !== 'INBOX') await c.mailboxCreate(folder).catch(() => {});
      const uids: number[] = [];
      for (const m of messages) {
        const res = await c.append(folder, m.raw, m.seen ? ['\\Seen'] : [], m.date);
        if (res && res.uid !== undefined) uids.push(res.uid);
      }
      return uids;
    } finally {
      await c.logout();
    }
  };

  const writeMaildir = (email: string, folder: string, messages: Iterable<MaildirMessage>) => {
    const home = path.join(dir, 'mail', email);
    const maildir = path.join(home, 'Maildir', folder === 'INBOX' ? '' : `.${folder}`);
    for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(maildir, sub), { recursive: true });
    let n = 0;
    const host = crypto.randomBytes(4).toString('hex');
    for (const m of messages) {
      const raw = typeof m.raw === 'string' ? Buffer.from(m.raw) : m.raw;
      const date = m.date ?? new Date();
      const seconds = Math.floor(date.getTime() / 1000);
      const file = path.join(
        maildir,
        'cur',
        `${seconds}.M${n}P${process.pid}.${host},S=${raw.length}:2,${m.seen ? 'S' : ''}`,
      );
      fs.writeFileSync(file, raw);
      fs.utimesSync(file, date, date);
      n++;
    }
    chownTree(home, nobody.uid, nobody.gid);
    return n;
  };

  const setUidValidity = async (email: string, folder: string, uidValidity: number) => {
    await run('doveadm', [
      '-c',
      conf,
      'mailbox',
      'update',
      '-u',
      email,
      '--uid-validity',
      String(uidValidity),
      folder,
    ]);
  };

  return {
    host: '127.0.0.1',
    port,
    dir,
    addUser,
    addUsers,
    client,
    append,
    writeMaildir,
    setUidValidity,
    stop,
    start,
  };
}

/** Stops the server and removes its folder. */
export async function destroyDovecot(dovecot: Dovecot | undefined): Promise<void> {
  if (!dovecot) return;
  await dovecot.stop();
  fs.rmSync(dovecot.dir, { recursive: true, force: true });
}

function findDovecot(): string {
  for (const candidate of ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(
    'Dovecot is not installed, and the inbox tests need a real IMAP server: sudo apt-get install -y dovecot-imapd',
  );
}

/** Dovecot 2.3's own post-login capabilities (as it advertises them with this configuration). */
const DOVECOT_CAPABILITIES =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY'.split(
    ' ',
  );

function config(
  dir: string,
  port: number,
  usersFile: string,
  oauth2Conf: string | null,
  qresync: boolean,
): string {
  const passdbs = oauth2Conf
    ? `passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u ${usersFile}
}
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${oauth2Conf}
}`
    : `passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${usersFile}
}`;
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = mailroom-test-${port}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
# xoauth2 without the oauth2 passdb: Dovecot checks the bearer token against the passwd-file as it
# would a password, so a user whose "password" is a token signs in with that access token.
auth_mechanisms = plain login xoauth2${oauth2Conf ? ' oauthbearer' : ''}
# Tests try wrong passwords on purpose: answer at once instead of Dovecot's usual 2 s. (Dovecot
# still delays the next logins from the same IP after a failure: tests keep failures few.)
auth_failure_delay = 0
mail_location = maildir:~/Maildir
mail_fsync = never
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
${passdbs}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/mail/%u
}
protocol imap {
  mail_max_userip_connections = 200
${qresync ? '' : `  imap_capability = ${DOVECOT_CAPABILITIES.filter((c) => c !== 'QRESYNC').join(' ')}\n`}}
`;
}

function userIds(name: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) throw new Error(`no system user ${name}`);
  return { uid: Number(uid), gid: Number(gid) };
}

function chownTree(root: string, uid: number, gid: number): void {
  fs.chownSync(root, uid, gid);
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    fs.chownSync(path.join(entry.parentPath, entry.name), uid, gid);
  }
}

/** Runs a command that forks a daemon: waits for the command itself, not for the daemon's stdio. */
function daemon(command: string, args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

async function waitForPort(port: number, open: boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (isOpen === open) return;
    if (Date.now() > deadline) throw new Error(`Dovecot did not ${open ? 'start' : 'stop'} on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
