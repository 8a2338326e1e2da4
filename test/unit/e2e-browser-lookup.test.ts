import { describe, expect, it } from 'vitest';
import { findBrowser, type LookupHost } from '../e2e/support/browser-lookup.js';

/** A machine where exactly `executables` exist. */
function host(over: Partial<Omit<LookupHost, 'isExecutable'>> & { executables?: string[] } = {}): LookupHost {
  const { executables = [], ...rest } = over;
  return { env: {}, platform: 'linux', arch: 'x64', homedir: '/home/anna', isExecutable: (path) => executables.includes(path), ...rest };
}

describe('which browser the e2e tests drive', () => {
  it('takes VERKOSTO_CHROMIUM first, even when a system Chromium is installed', () => {
    const machine = host({ env: { VERKOSTO_CHROMIUM: '/opt/chromium-dev/chrome' }, executables: ['/opt/chromium-dev/chrome', '/usr/bin/chromium'] });

    expect(findBrowser(machine)).toEqual({ source: 'override', path: '/opt/chromium-dev/chrome' });
  });

  it('refuses a VERKOSTO_CHROMIUM that is not there instead of quietly using another browser', () => {
    const machine = host({ env: { VERKOSTO_CHROMIUM: '/nowhere/chrome' }, executables: ['/usr/bin/chromium'] });

    expect(() => findBrowser(machine)).toThrow(/VERKOSTO_CHROMIUM=\/nowhere\/chrome is not an executable file/);
  });

  it("takes the system's Chromium before the npm-shipped one on Linux", () => {
    expect(findBrowser(host({ executables: ['/usr/bin/chromium'] }))).toEqual({ source: 'system', path: '/usr/bin/chromium' });
  });

  it('finds Google Chrome at its Linux path when there is no Chromium', () => {
    expect(findBrowser(host({ executables: ['/opt/google/chrome/chrome'] }))).toEqual({ source: 'system', path: '/opt/google/chrome/chrome' });
  });

  it('prefers Chromium to Chrome when both are installed', () => {
    expect(findBrowser(host({ executables: ['/usr/bin/google-chrome', '/usr/bin/chromium'] }))).toEqual({ source: 'system', path: '/usr/bin/chromium' });
  });

  it('finds Chrome in /Applications and in ~/Applications on macOS', () => {
    const chrome = 'Google Chrome.app/Contents/MacOS/Google Chrome';

    expect(findBrowser(host({ platform: 'darwin', arch: 'arm64', executables: [`/Applications/${chrome}`] }))).toEqual({ source: 'system', path: `/Applications/${chrome}` });
    expect(findBrowser(host({ platform: 'darwin', arch: 'arm64', executables: [`/home/anna/Applications/${chrome}`] }))).toEqual({ source: 'system', path: `/home/anna/Applications/${chrome}` });
  });

  it('does not take a Linux path on macOS', () => {
    const found = findBrowser(host({ platform: 'darwin', arch: 'arm64', executables: ['/usr/bin/chromium'] }));

    expect(found.source).toBe('none');
  });

  it('falls back to the npm-shipped Chromium on Linux x64 with no browser installed', () => {
    expect(findBrowser(host())).toEqual({ source: 'npm' });
  });

  it('uses the npm-shipped Chromium when VERKOSTO_IGNORE_SYSTEM_CHROMIUM=1 hides the system one', () => {
    const machine = host({ env: { VERKOSTO_IGNORE_SYSTEM_CHROMIUM: '1' }, executables: ['/usr/bin/chromium', '/usr/bin/google-chrome'] });

    expect(findBrowser(machine)).toEqual({ source: 'npm' });
  });

  it('still takes VERKOSTO_CHROMIUM when system browsers are ignored', () => {
    const machine = host({ env: { VERKOSTO_CHROMIUM: '/usr/bin/chromium', VERKOSTO_IGNORE_SYSTEM_CHROMIUM: '1' }, executables: ['/usr/bin/chromium'] });

    expect(findBrowser(machine)).toEqual({ source: 'override', path: '/usr/bin/chromium' });
  });

  it('treats an empty VERKOSTO_CHROMIUM as unset', () => {
    expect(findBrowser(host({ env: { VERKOSTO_CHROMIUM: ' ' }, executables: ['/usr/bin/chromium'] }))).toEqual({ source: 'system', path: '/usr/bin/chromium' });
  });

  it('has no browser on Linux arm64 without one installed, and says where it looked and what to do', () => {
    const found = findBrowser(host({ arch: 'arm64' }));

    expect(found.source).toBe('none');
    expect(found.source === 'none' && found.reason).toMatch(/none at \/usr\/bin\/chromium, .*runs only on Linux x64, not linux arm64\. Install Chromium or Chrome, or set VERKOSTO_CHROMIUM/);
  });

  it('has no browser on macOS without Chrome or Chromium: the npm-shipped one is a Linux build', () => {
    const found = findBrowser(host({ platform: 'darwin', arch: 'arm64' }));

    expect(found.source === 'none' && found.reason).toMatch(/not darwin arm64/);
  });
});
