// DKIM keys of the sending accounts: made here (RSA 2048) or imported from a PEM file, and the DNS
// TXT record that publishes the public half. The private key is a secret (secrets file, the same
// codec as the SMTP passwords); the public key is kept in the settings so the record can always be shown.
import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

/** Smallest RSA key accepted on import: receivers ignore signatures by shorter keys (RFC 8301). */
export const MIN_RSA_BITS = 1024;
export const GENERATED_RSA_BITS = 2048;

export interface DkimKeyPair {
  /** PKCS#8 PEM. */
  privateKey: string;
  /** Base64 of the DER SubjectPublicKeyInfo: the value of the record's p= tag. */
  publicKey: string;
}

export class DkimKeyError extends Error {}

const publicOf = (key: KeyObject) =>
  createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');

export async function generateDkimKey(): Promise<DkimKeyPair> {
  const { privateKey } = await generate('rsa', { modulusLength: GENERATED_RSA_BITS });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicOf(privateKey),
  };
}

/** Reads a private key in PEM (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY"); refuses anything else. */
export function importDkimKey(pem: string): DkimKeyPair {
  const text = pem.trim();
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(text)) {
    if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(text))
      throw new DkimKeyError(
        'este arquivo tem a chave pública; importe a chave privada (começa com -----BEGIN PRIVATE KEY-----)',
      );
    if (/ENCRYPTED PRIVATE KEY/.test(text))
      throw new DkimKeyError('a chave privada está protegida por senha: exporte-a sem senha para importar');
    throw new DkimKeyError(
      'não é uma chave privada em formato PEM (o texto começa com -----BEGIN PRIVATE KEY----- ou -----BEGIN RSA PRIVATE KEY-----)',
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw new DkimKeyError('a chave privada está corrompida ou incompleta: copie o arquivo PEM inteiro');
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new DkimKeyError(
      `a chave é do tipo ${key.asymmetricKeyType ?? 'desconhecido'}; o Régua assina com chaves RSA`,
    );
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS)
    throw new DkimKeyError(
      `a chave tem ${bits} bits; os servidores de e-mail ignoram assinaturas com menos de ${MIN_RSA_BITS} (use 2048)`,
    );
  return { privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicOf(key) };
}

/** The public key (p= value) of a stored private key, or null when it cannot be read. */
export function publicKeyOf(privateKeyPem: string): string | null {
  try {
    return publicOf(createPrivateKey(privateKeyPem));
  } catch {
    return null;
  }
}

/** The domain an account signs for: its sender address's. */
export const signingDomain = (fromAddress: string) => (fromAddress.split('@')[1] ?? '').trim().toLowerCase();

export interface DnsRecord {
  type: 'TXT';
  name: string;
  value: string;
}

/** The TXT record that publishes a public key under a selector. */
export const dkimRecord = (domain: string, selector: string, publicKey: string): DnsRecord => ({
  type: 'TXT',
  name: `${selector}._domainkey.${domain}`,
  value: `v=DKIM1; k=rsa; p=${publicKey}`,
});

/** A selector other than the account's current one: regua + year and month, then b, c… in the same month. */
export function newSelector(now: Date, current: string | null | undefined): string {
  const base = `regua${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  if (!current?.startsWith(base)) return base;
  const suffix = current.slice(base.length);
  if (suffix === '') return `${base}b`;
  if (/^[a-y]$/.test(suffix)) return `${base}${String.fromCharCode(suffix.charCodeAt(0) + 1)}`;
  return `${base}${randomBytes(2).toString('hex')}`;
}

/** The tags of a DKIM key record (RFC 6376 3.6.1), names in lower case, values with spaces removed. */
export function parseDkimRecord(text: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim().toLowerCase();
    if (name) tags.set(name, part.slice(at + 1).replace(/\s+/g, ''));
  }
  return tags;
}
