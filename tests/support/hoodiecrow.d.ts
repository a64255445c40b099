declare module 'hoodiecrow-imap' {
  import type { EventEmitter } from 'node:events';
  interface HoodiecrowMailbox {
    messages: { raw: string; flags: string[]; internaldate: string; uid: number }[];
    uidvalidity: number;
    uidnext: number;
  }
  interface HoodiecrowServer extends EventEmitter {
    listen(port: number, host: string, callback: () => void): void;
    close(callback?: () => void): void;
    getMailbox(path: string): HoodiecrowMailbox | undefined;
    appendMessage(mailbox: string, flags: string[], internaldate: string, raw: string): unknown;
    server: import('node:net').Server;
  }
  interface HoodiecrowOptions {
    plugins?: string[];
    users?: Record<string, { password: string }>;
    storage?: Record<string, unknown>;
  }
  export default function hoodiecrow(options?: HoodiecrowOptions): HoodiecrowServer;
}
