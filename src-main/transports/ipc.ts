import { LumenError, type Settled } from '../../src-shared/errors';
import type { Logger } from '../core/logger';
import { settle, type Registry } from '../core/registry';
import { type Connection, newConnection } from '../core/session';

export const CALL_CHANNEL = 'lumen:call';

/** The slice of Electron's IpcMainInvokeEvent this adapter reads (structural, so it is testable without Electron). */
export interface IpcCallEvent {
  sender: { id: number; once(event: 'destroyed', listener: () => void): unknown };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcCallEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  registry: Pick<Registry, 'call'>;
  /** True only for the app's own top frame (see electron/window.ts `isTrustedFrame`). */
  isTrustedSender(event: IpcCallEvent): boolean;
  logger: Logger;
}

/**
 * Electron transport: `lumen:call(name, input)` → registry → envelope. One Connection (one desk session) per
 * webContents, forgotten when the window goes away.
 */
export function registerIpc({ ipcMain, registry, isTrustedSender, logger }: IpcOptions): { dispose(): void } {
  const connections = new Map<number, Connection>();

  function connectionOf(sender: IpcCallEvent['sender']): Connection {
    let conn = connections.get(sender.id);
    if (!conn) {
      conn = newConnection('ipc');
      connections.set(sender.id, conn);
      sender.once('destroyed', () => connections.delete(sender.id));
    }
    return conn;
  }

  ipcMain.handle(CALL_CHANNEL, async (event, name, input): Promise<Settled<unknown>> => {
    if (!isTrustedSender(event)) {
      logger.warn('Refused a call from a frame that is not the Lumen app', { url: event.senderFrame?.url ?? null });
      return { ok: false, error: new LumenError('forbidden', 'This page may not talk to Lumen.').toJSON() };
    }
    const conn = connectionOf(event.sender);
    return settle(
      () => registry.call(String(name), input, conn),
      (error) => logger.error(`${String(name).slice(0, 60)} failed unexpectedly`, error),
    );
  });

  return {
    dispose() {
      ipcMain.removeHandler(CALL_CHANNEL);
      connections.clear();
    },
  };
}
