// Proves the packaging configuration where Electron itself cannot be downloaded: builds the app, runs
// `electron-builder --dir` against a stand-in Electron folder (-c.electronDist) and reports what went
// into app.asar. Prints one JSON line: { asarBytes, files, topPackages }.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const work = mkdtempSync(join(tmpdir(), 'regua-pack-'));
const fakeElectron = join(work, 'electron-dist');
mkdirSync(join(fakeElectron, 'resources'), { recursive: true });
writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n');
chmodSync(join(fakeElectron, 'electron'), 0o755);

const quiet = { stdio: ['ignore', 'ignore', 'inherit'] };
execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], quiet);
execFileSync(process.execPath, ['scripts/build-electron.mjs'], quiet);
const output = join(work, 'release');
execFileSync(
  'npx',
  [
    'electron-builder',
    '--linux',
    'dir',
    `-c.electronDist=${fakeElectron}`,
    '-c.electronVersion=45.5.0',
    `-c.directories.output=${output}`,
  ],
  quiet,
);
const archive = join(output, 'linux-unpacked', 'resources', 'app.asar');
const files = asar.listPackage(archive).map((f) => f.replace(/\\/g, '/'));
let asarBytes = 0;
const byPackage = {};
for (const f of files) {
  let size;
  try {
    size = asar.statFile(archive, f.slice(1)).size ?? 0;
  } catch {
    continue; // a directory entry
  }
  asarBytes += size;
  const parts = f.split('/');
  const scoped = parts[2]?.startsWith('@');
  const key =
    parts[1] === 'node_modules' && parts[2] ? (scoped ? `${parts[2]}/${parts[3]}` : parts[2]) : parts[1];
  byPackage[key] = (byPackage[key] ?? 0) + size;
}
const topPackages = Object.entries(byPackage)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 8)
  .map(([name, bytes]) => `${name} ${(bytes / 1e6).toFixed(1)} MB`);
console.log(JSON.stringify({ asarBytes, files, topPackages, output }));
