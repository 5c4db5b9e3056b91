import { ErrorCode, MdiInputError } from '../errors.js';
import { decodeByBom, describeSize } from '../io/bounded-read.js';

// A public Azure service-tags file (~5 MB) travels in the request; anything far bigger is a mistake.
const STDIN_LIMIT = 32 * 1024 * 1024;

export interface StdinOptions {
  /** What stdin should carry, for the messages ("the proxy password"). */
  what: string;
  /** Give up when stdin has not closed by then: a pipe left open must not hold the run past its bound. */
  deadlineMs: number;
  /** How to fix it, appended to the deadline message. */
  hint?: string;
}

/**
 * All of stdin, bounded in size and time, decoded by its byte-order mark (UTF-8 without one).
 * On expiry stdin is destroyed, so the open pipe no longer keeps the process alive.
 */
export async function readStdin(options: StdinOptions): Promise<string> {
  const stdin = process.stdin;
  const chunks: Buffer[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stdin.destroy();
      const seconds = Math.round(options.deadlineMs / 100) / 10;
      reject(new MdiInputError(ErrorCode.StdinTimeout, `Stdin did not close within ${seconds} s while waiting for ${options.what}.${options.hint ? ` ${options.hint}` : ''}`));
    }, options.deadlineMs);
  });
  const collect = (async () => {
    for await (const chunk of stdin as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > STDIN_LIMIT) {
        stdin.destroy();
        throw new MdiInputError(ErrorCode.InputTooLarge, `Stdin holds more than ${describeSize(STDIN_LIMIT)}: too much for ${options.what}.`);
      }
      chunks.push(chunk);
    }
    return decodeByBom(Buffer.concat(chunks));
  })();
  try {
    return await Promise.race([collect, expired]);
  } finally {
    clearTimeout(timer);
    // The loser of the race must not surface later as an unhandled rejection.
    collect.catch(() => undefined);
  }
}
