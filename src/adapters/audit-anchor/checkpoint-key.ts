// The Ed25519 key that signs audit checkpoints: a PEM file on the app host (never in the database),
// created with mode 0600 at first use.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckpointKey } from '../../domains/audit/audit-anchor.ports.ts';

function readOrCreate(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' }); // exclusive: a second process at the same moment keeps the first's key
    return pem;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8');
    throw err;
  }
}

export function loadCheckpointKey(file: string): CheckpointKey {
  const privateKey = createPrivateKey(readOrCreate(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey);
  const keyId = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
  return {
    keyId,
    sign: (payload) => sign(null, Buffer.from(payload), privateKey).toString('base64'),
    verify: (payload, signature) => verify(null, Buffer.from(payload), publicKey, Buffer.from(signature, 'base64')),
  };
}
