// A real IMAP server for the bounce reader: Dovecot from Debian, started by the test with a private
// configuration (its own port, folders and log), one mailbox with a password, and a Maildir the test
// fills the way a mail server delivers (a file in new/).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface TestImapServer {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** Delivers a message into the INBOX (Maildir new/). */
  deliver(raw: string | Buffer): Promise<void>;
  log(): Promise<string>;
  stop(): Promise<void>;
}

// Mail is stored as "nobody" when the tests run as root (Dovecot refuses to store mail as root).
const MAIL_UID = 65534;
const MAIL_GID = 65534;

const config = (dir: string, port: number, uid: number, gid: number) => `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = regua-test-${port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
first_valid_uid = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`;

const waitForPort = async (port: number, child: ChildProcess, log: () => Promise<string>) => {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot saiu: ${await log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot não respondeu na porta ${port}: ${await log()}`);
};

export async function startDovecot(binary: string): Promise<TestImapServer> {
  const dir = await mkdtemp(join(tmpdir(), 'regua-imap-'));
  await chmod(dir, 0o755); // Dovecot's auth process (user "dovecot") reads the passwd file here
  const port = await freePort();
  const user = 'retornos@provedor.test';
  const password = `senha-${randomBytes(6).toString('hex')}`;
  const root = process.getuid?.() === 0;
  const uid = root ? MAIL_UID : process.getuid!();
  const gid = root ? MAIL_GID : process.getgid!();
  const maildir = join(dir, 'home', user, 'Maildir');
  for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(maildir, sub), { recursive: true });
  if (root)
    for (const p of [
      join(dir, 'home'),
      join(dir, 'home', user),
      maildir,
      ...['cur', 'new', 'tmp'].map((s) => join(maildir, s)),
    ])
      await chown(p, uid, gid);
  await mkdir(join(dir, 'state'));
  await writeFile(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  await writeFile(join(dir, 'dovecot.conf'), config(dir, port, uid, gid));
  const child = spawn(binary, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = async () => `${stderr}${await readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '')}`;
  await waitForPort(port, child, log);
  let n = 0;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async deliver(raw) {
      const name = `${Date.now()}.M${++n}P${process.pid}.regua-test`;
      const tmp = join(maildir, 'tmp', name);
      await writeFile(tmp, raw);
      if (root) await chown(tmp, uid, gid);
      await rename(tmp, join(maildir, 'new', name));
    },
    log,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
