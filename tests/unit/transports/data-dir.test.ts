import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../src-main/data-dir';

describe('the data folder', () => {
  it('comes from --data-dir first, then LUMEN_DATA_DIR', () => {
    expect(resolveDataDir(['--data-dir', 'clinic'], { LUMEN_DATA_DIR: '/elsewhere' })).toBe(resolve('clinic'));
    expect(resolveDataDir(['--browser', '--data-dir=/srv/lumen'], {})).toBe('/srv/lumen');
    expect(resolveDataDir(['--browser'], { LUMEN_DATA_DIR: '/srv/env' })).toBe('/srv/env');
  });

  it('defaults to the OS user-data folder', () => {
    expect(resolveDataDir([], {}, 'linux', '/home/ana')).toBe('/home/ana/.config/Lumen');
    expect(resolveDataDir([], { XDG_CONFIG_HOME: '/home/ana/cfg' }, 'linux', '/home/ana')).toBe('/home/ana/cfg/Lumen');
    expect(resolveDataDir([], {}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/Lumen');
    expect(resolveDataDir([], { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Lumen');
  });
});
