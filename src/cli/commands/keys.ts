/**
 * `uigen-pay keys rotate`: re-encrypt every encrypted column under the active (first) key of
 * UIGEN_ENCRYPTION_KEYS, in batches, resumable. `keys generate` prints a new key entry to put in front.
 */
import { silentLogger } from '../../log.ts';
import { generateKeyEntry } from '../../store/crypto/dev-keys.ts';
import { parseKeyring } from '../../store/crypto/keyring.ts';
import { openStoreFromEnvironment } from '../../store/from-env.ts';
import { updateKeyDates } from '../../store/key-dates.ts';
import { parseFlags } from '../args.ts';
import { type CliCommand, type CliIO, UsageError } from '../command.ts';
import { progress } from '../progress.ts';

const usage = `Usage: uigen-pay keys rotate [--batch <n>] | keys generate [--kid <id>]

  generate  print a new key entry (kid:base64 of 32 random bytes) for UIGEN_ENCRYPTION_KEYS.
  rotate    re-encrypt every stored ciphertext (webhook payloads, provider customer ids) with the active key.

Rotation, step by step:
  1. uigen-pay keys generate --kid k2
  2. put it FIRST: UIGEN_ENCRYPTION_KEYS=k2:…,k1:…  (old keys stay for reading) and restart serve/worker
  3. uigen-pay keys rotate          (resumable: values already under k2 are skipped)
  4. remove k1 from UIGEN_ENCRYPTION_KEYS once rotate reports nothing left.
Also records key creation dates in .uigen/keys.json (audited for the 90-day rotation).`;

async function rotate(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, { batch: { type: 'string', default: '500' } }, false);
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 100_000)
    throw new UsageError('--batch must be an integer 1–100000');
  const { store, settings } = await openStoreFromEnvironment({
    env: io.env,
    cwd: io.cwd,
    logger: silentLogger(),
  });
  try {
    // openStore already validated the setting; parsed again only to name the kids.
    const ring = parseKeyring(settings.encryptionKeys!);
    await store.migrate();
    const stale = await store.keyRotation.countStale();
    const bar = progress(`re-encrypting under '${ring.activeKid}'`, stale, io.err, io.isTTY);
    let done = 0;
    // Bounded: each batch rewrites at least one stale value or ends the loop.
    for (
      let n = await store.keyRotation.reencryptBatch(batch);
      n > 0;
      n = await store.keyRotation.reencryptBatch(batch)
    ) {
      done += n;
      bar.tick(n);
    }
    bar.finish();
    const left = await store.keyRotation.countStale();
    await store.audit.append({
      actor: 'cli',
      action: 'keys.rotate',
      subject: ring.activeKid,
      details: { reencrypted: done, left },
      at: Date.now(),
    });
    updateKeyDates(io.cwd, ring.kids, new Date());
    io.out(`re-encrypted ${done} value(s) under key '${ring.activeKid}'; ${left} left under older keys`);
    if (ring.kids.length > 1 && left === 0)
      io.out(`older key(s) ${ring.kids.slice(1).join(', ')} are no longer needed by stored data`);
    return left === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

export const command: CliCommand = {
  name: 'keys',
  summary: 'encryption keys: generate a new one, rotate stored data to the active key',
  usage,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'rotate') return rotate(rest, io);
    if (sub === 'generate') {
      const { values } = parseFlags(
        rest,
        { kid: { type: 'string', default: `k${Date.now().toString(36)}` } },
        false,
      );
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(values.kid!))
        throw new UsageError('--kid: letters, digits, _ or -, at most 32');
      io.out(generateKeyEntry(values.kid!));
      return 0;
    }
    throw new UsageError('expected `keys rotate` or `keys generate`');
  },
};
