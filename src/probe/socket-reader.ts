import type { Socket } from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');

/** The peer closed the connection (or errored) before sending what we waited for. */
export class PeerClosedError extends Error {
  readonly received: number;
  override readonly cause?: unknown;
  constructor(message: string, received: number, cause?: unknown) {
    super(message);
    this.name = 'PeerClosedError';
    this.received = received;
    this.cause = cause;
  }
}

/** The peer sent more than we are willing to buffer (a hostile or broken proxy). */
export class OversizedError extends Error {
  constructor(limit: number) {
    super(`the answer exceeded ${limit} bytes without ending its header`);
    this.name = 'OversizedError';
  }
}

/**
 * Reads framed data from a raw socket without consuming bytes that belong to
 * the next layer: after a CONNECT answer, whatever follows stays for TLS.
 */
export class SocketReader {
  private buffer: Buffer = Buffer.alloc(0);
  private closed: PeerClosedError | null = null;
  private wake: (() => void) | null = null;
  private readonly socket: Socket;

  private readonly onData = (chunk: Buffer): void => {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.notify();
  };
  private readonly onEnd = (): void => this.close(new PeerClosedError('the connection was closed', this.buffer.length));
  private readonly onError = (error: Error): void =>
    this.close(new PeerClosedError(`the connection failed (${errorCode(error)})`, this.buffer.length, error));

  constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** Bytes up to and including the blank line that ends an HTTP head. */
  async readHead(limit: number): Promise<Buffer> {
    for (;;) {
      const end = this.buffer.indexOf(HEAD_END);
      if (end >= 0) return this.take(end + HEAD_END.length);
      if (this.buffer.length > limit) throw new OversizedError(limit);
      await this.more();
    }
  }

  /** One CRLF-ended line (without the CRLF), as chunked framing sends sizes. */
  async readLine(limit: number): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end >= 0) return this.take(end + 2).subarray(0, end).toString('latin1');
      if (this.buffer.length > limit) throw new OversizedError(limit);
      await this.more();
    }
  }

  /** Whatever arrives until the peer closes, at most `limit` bytes (then reading stops). */
  async readToEnd(limit: number): Promise<Buffer> {
    while (this.buffer.length < limit) {
      try {
        await this.more();
      } catch (error) {
        if (error instanceof PeerClosedError) break;
        throw error;
      }
    }
    return this.take(Math.min(limit, this.buffer.length));
  }

  async readExactly(length: number): Promise<Buffer> {
    while (this.buffer.length < length) await this.more();
    return this.take(length);
  }

  /** Stops reading and gives back unread bytes to the socket for the next consumer. */
  detach(): Socket {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
    this.socket.pause();
    if (this.buffer.length) this.socket.unshift(this.buffer);
    this.buffer = Buffer.alloc(0);
    return this.socket;
  }

  get isClosed(): boolean {
    return this.closed !== null;
  }

  private take(length: number): Buffer {
    const out = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return out;
  }

  private more(): Promise<void> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      this.wake = () => (this.closed && this.buffer.length === 0 ? reject(this.closed) : resolve());
    });
  }

  private close(error: PeerClosedError): void {
    if (!this.closed) this.closed = error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
