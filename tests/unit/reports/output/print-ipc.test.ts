import { describe, expect, it } from 'vitest';
import { PRINT_CHANNEL, type PrintDeps, registerPrintToPdf } from '../../../../src-main/electron/print';

type Listener = Parameters<PrintDeps['ipcMain']['handle']>[1];

/** The Electron pieces as fakes: a window that prints "%PDF", a save dialog answering `chosen`, a disk. */
function setup(chosen: string | null, trusted = true) {
  let listener: Listener | null = null;
  const written = new Map<string, string>();
  const printed: unknown[] = [];
  registerPrintToPdf({
    ipcMain: { handle: (channel, l) => { expect(channel).toBe(PRINT_CHANNEL); listener = l; }, removeHandler: () => undefined },
    isTrustedSender: () => trusted,
    askPath: async (_sender, defaultName) => (chosen === null ? null : `${chosen}/${defaultName}`),
    writeFile: async (path, bytes) => void written.set(path, Buffer.from(bytes).toString()),
  });
  const sender = {
    id: 1,
    once: () => undefined,
    printToPDF: async (options: unknown) => {
      printed.push(options);
      return Buffer.from('%PDF-1.4');
    },
  };
  const ask = (request: unknown) => listener!({ sender, senderFrame: { url: 'app://lumen/', parent: null } }, request);
  return { ask, written, printed };
}

describe('Save as PDF over IPC', () => {
  it('prints the window in the layout asked and writes it where the person chose', async () => {
    const { ask, written, printed } = setup('/home/anna/Reports');
    expect(await ask({ fileName: 'Projected sales 2026-03-09.pdf', landscape: true, pageSize: 'Letter' })).toEqual({ saved: true, path: '/home/anna/Reports/Projected sales 2026-03-09.pdf' });
    expect(written.get('/home/anna/Reports/Projected sales 2026-03-09.pdf')).toBe('%PDF-1.4');
    expect(printed).toEqual([{ landscape: true, pageSize: 'Letter', printBackground: true, margins: { marginType: 'default' } }]);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { ask, written, printed } = setup(null);
    expect(await ask({ fileName: 'a.pdf', landscape: false, pageSize: 'A4' })).toEqual({ saved: false, reason: 'cancelled' });
    expect(written.size + printed.length).toBe(0);
  });

  it('refuses a frame that is not the app, and a request naming a path', async () => {
    expect(await setup('/tmp', false).ask({ fileName: 'a.pdf', landscape: false, pageSize: 'A4' })).toEqual({ saved: false, reason: 'refused' });
    const { ask, written } = setup('/tmp');
    for (const request of [{ fileName: '../../etc/x.pdf', landscape: false, pageSize: 'A4' }, { fileName: 'a.exe', landscape: false, pageSize: 'A4' }, { fileName: 'a.pdf', landscape: 'yes', pageSize: 'A4' }, null]) {
      expect(await ask(request)).toEqual({ saved: false, reason: 'refused' });
    }
    expect(written.size).toBe(0);
  });
});
