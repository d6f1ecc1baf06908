// Real servers from Debian for the tests (dnsmasq, Dovecot): found where Debian puts them, else
// installed with apt-get (CI machines are fresh, and root). When that cannot be done the tests that
// need the server are skipped, saying why, instead of failing on a machine that lacks it.
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin'];

async function find(binary: string): Promise<string | null> {
  for (const dir of DIRS) {
    const path = `${dir}/${binary}`;
    if (
      await access(path, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  return null;
}

const installs = new Map<string, Promise<string | null>>();

async function aptInstall(pkg: string): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'os testes não rodam como root, e o apt-get precisa de root';
  const apt = (...args: string[]) =>
    run('apt-get', ['-y', '-q', '-o', 'DPkg::Lock::Timeout=300', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
    });
  try {
    await apt('install', '--no-install-recommends', pkg);
    return null;
  } catch {
    try {
      await apt('update');
      await apt('install', '--no-install-recommends', pkg);
      return null;
    } catch (e) {
      return `apt-get install ${pkg} falhou: ${((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n').at(-1)}`;
    }
  }
}

/** The path of a Debian package's program, installing the package when missing; or why it is not there. */
export async function debianProgram(
  binary: string,
  pkg: string,
): Promise<{ path: string; skip: null } | { path: null; skip: string }> {
  const existing = await find(binary);
  if (existing) return { path: existing, skip: null };
  if (!installs.has(pkg)) installs.set(pkg, aptInstall(pkg));
  const problem = await installs.get(pkg)!;
  const path = await find(binary);
  if (path) return { path, skip: null };
  const skip = `${binary} (pacote ${pkg}) indisponível: ${problem ?? 'não encontrado após a instalação'}`;
  console.warn(`teste pulado: ${skip}`);
  return { path: null, skip };
}
