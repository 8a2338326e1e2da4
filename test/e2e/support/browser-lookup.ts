/**
 * Which Chromium the browser tests drive. Pure: the machine comes in as
 * `LookupHost`, so the order can be unit-tested on any machine.
 *
 *   1. `VERKOSTO_CHROMIUM`, when set (a wrong path is an error, not a fallback:
 *      whoever set it meant that browser);
 *   2. a system Chromium or Chrome at its usual Linux or macOS path;
 *   3. the Chromium shipped in the `@sparticuz/chromium` devDependency, which
 *      is a Linux x64 build.
 *
 * `VERKOSTO_IGNORE_SYSTEM_CHROMIUM=1` skips step 2, to run the tests with the
 * npm-shipped browser on a machine that has a system one.
 */

export const OVERRIDE_VAR = 'VERKOSTO_CHROMIUM';
export const IGNORE_SYSTEM_VAR = 'VERKOSTO_IGNORE_SYSTEM_CHROMIUM';

const LINUX_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/opt/google/chrome/chrome'];
const MAC_APPS = ['Chromium.app/Contents/MacOS/Chromium', 'Google Chrome.app/Contents/MacOS/Google Chrome'];

export interface LookupHost {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  arch: string;
  homedir: string;
  /** true when the path is an executable file */
  isExecutable(path: string): boolean;
}

export type BrowserFound =
  | { source: 'override'; path: string }
  | { source: 'system'; path: string }
  | { source: 'npm' }
  | { source: 'none'; reason: string };

/** The usual places of a system Chromium or Chrome, most specific first. */
export function systemPaths(platform: NodeJS.Platform, homedir: string): string[] {
  if (platform === 'linux') return LINUX_PATHS;
  if (platform === 'darwin') return [...MAC_APPS.map((app) => `/Applications/${app}`), ...MAC_APPS.map((app) => `${homedir}/Applications/${app}`)];
  return [];
}

/** The npm package's binary is built for Linux x64 only (its README: arm64 is a separate download). */
export function npmChromiumRuns(platform: NodeJS.Platform, arch: string): boolean {
  return platform === 'linux' && arch === 'x64';
}

export function findBrowser(host: LookupHost): BrowserFound {
  const override = host.env[OVERRIDE_VAR]?.trim();
  if (override) {
    if (!host.isExecutable(override)) throw new Error(`${OVERRIDE_VAR}=${override} is not an executable file. Point it at a Chromium or Chrome binary, or unset it to let the tests find one.`);
    return { source: 'override', path: override };
  }
  const searched = host.env[IGNORE_SYSTEM_VAR] === '1' ? [] : systemPaths(host.platform, host.homedir);
  const system = searched.find((path) => host.isExecutable(path));
  if (system) return { source: 'system', path: system };
  if (npmChromiumRuns(host.platform, host.arch)) return { source: 'npm' };
  const where = searched.length ? `none at ${searched.join(', ')}` : host.env[IGNORE_SYSTEM_VAR] === '1' ? `system browsers ignored (${IGNORE_SYSTEM_VAR}=1)` : `no usual path is known on ${host.platform}`;
  return {
    source: 'none',
    reason: `no Chromium or Chrome found (${where}), and the npm-shipped Chromium runs only on Linux x64, not ${host.platform} ${host.arch}. Install Chromium or Chrome, or set ${OVERRIDE_VAR} to one.`,
  };
}
