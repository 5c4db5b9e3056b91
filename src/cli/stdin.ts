// A public Azure service-tags file (~5 MB) travels in the request; anything far bigger is a mistake.
const STDIN_LIMIT = 32 * 1024 * 1024;

/** All of stdin, bounded: the module's request or a piped password. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > STDIN_LIMIT) throw new Error(`stdin exceeds ${STDIN_LIMIT} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}
