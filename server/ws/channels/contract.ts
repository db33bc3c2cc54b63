import type { ClientFrame, ServerFrame } from '../../../lib/protocol/frames';
import type { EngineHubs } from '../../hub/engine-hubs';

// The contract between a socket (server/ws/connection.ts) and its channels, in a file of its own so
// neither side imports the other: the connection opens channels, channels see only this.

/** What a channel may use of its socket: send frames, and learn whether the peer keeps up. */
export interface ChannelContext {
  send(frame: ServerFrame): void;
  sendBinary(ch: number, payload: Uint8Array): void;
  /** Bytes queued in the socket but not yet written to the peer (for backpressure). */
  bufferedAmount(): number;
  /**
   * Every engine's hubs (events, shared stats, kept list). A channel takes the one its `open`
   * frame names (the default engine without `engine`) and releases it when it closes.
   */
  hubs: EngineHubs;
}

/** A live channel on one socket. `close` must release every engine resource the channel holds. */
export interface Channel {
  close(): void;
  onFrame?(frame: ClientFrame): void;
  onBinary?(payload: Buffer): void;
}
