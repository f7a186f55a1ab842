import type { Socket } from 'node:net';
import { WebSocket } from 'ws';

/** Stop writing when this much is already waiting in the kernel/socket buffers. */
const HIGH_WATER_BYTES = 8 * 1024 * 1024;
/** Frames written per corked batch before yielding to the event loop. */
const BATCH_BYTES = 1024 * 1024;

/**
 * Queues serialized gateway frames and writes them in corked batches: one writev per batch
 * instead of one syscall per dispatch, and waits for 'drain' when the client falls behind.
 */
export class FrameWriter {
  private queue: string[] = [];
  private head = 0;
  private scheduled = false;

  constructor(private readonly ws: WebSocket) {}

  get pending(): number {
    return this.queue.length - this.head;
  }

  push(frame: string): void {
    this.queue.push(frame);
    this.schedule();
  }

  /** Bypasses the queue: HELLO and heartbeat ACKs must not wait behind a backlog of dispatches. */
  sendNow(frame: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private socket(): Socket {
    return (this.ws as unknown as { _socket: Socket })._socket;
  }

  private flush(): void {
    this.scheduled = false;
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const socket = this.socket();
    if (socket.writableLength > HIGH_WATER_BYTES) {
      this.scheduled = true;
      socket.once('drain', () => this.flush());
      return;
    }
    socket.cork();
    let bytes = 0;
    while (this.head < this.queue.length && bytes < BATCH_BYTES) {
      const frame = this.queue[this.head++];
      this.ws.send(frame);
      bytes += frame.length;
    }
    socket.uncork();
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else {
      if (this.head > 4096) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      this.schedule();
    }
  }

  clear(): void {
    this.queue = [];
    this.head = 0;
  }
}
