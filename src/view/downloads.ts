// The files the site offers to run on a node, and the slot each page leaves for its SHA-256.
// The checksum is of the bytes served, so it can only be known once the build has written them:
// pages render checksumSlot(file), and scripts/postbuild.ts replaces every slot with the digest.

export const DOWNLOADS = ['check-ports.mjs', 'ck8s-reach.sh'] as const;
export type Download = (typeof DOWNLOADS)[number];

/** The placeholder a page renders where the file's SHA-256 goes; 64 characters, like a digest. */
export function checksumSlot(file: Download): string {
  return `sha256-of:${file}`.padEnd(64, '.');
}

/** Where the list of checksums is served, in the format `sha256sum -c` reads. */
export const CHECKSUMS_PATH = '/downloads/SHA256SUMS.txt';

/** Replaces every slot in a page; the count tells the build which files a page named. */
export function fillChecksums(
  html: string,
  digests: Readonly<Record<Download, string>>,
): { html: string; filled: Download[] } {
  const filled: Download[] = [];
  let out = html;
  for (const file of DOWNLOADS) {
    const slot = checksumSlot(file);
    if (!out.includes(slot)) continue;
    out = out.replaceAll(slot, digests[file]);
    filled.push(file);
  }
  return { html: out, filled };
}

/** The SHA256SUMS file: one `digest  name` line per download. */
export function checksumsFile(digests: Readonly<Record<Download, string>>): string {
  return DOWNLOADS.map((file) => `${digests[file]}  ${file}\n`).join('');
}
