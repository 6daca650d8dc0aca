import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** DynamoDB Local (2.x and later) runs on Java 17 or newer. */
const MIN_JAVA_MAJOR = 17;
/** `java -version` answers in well under a second; a JVM that hangs longer is as good as missing. */
const JAVA_PROBE_TIMEOUT_MS = 20_000;
const INSTALL_JAVA = 'apt-get install openjdk-17-jre-headless (or any Java 17+ on the PATH)';

/** A port `npm start` needs is taken by another program. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly option: string,
  ) {
    super(
      `port ${port} is in use: stop what listens there or pick another with ${option} (npm start -- ${option} <n>)`,
    );
    this.name = 'PortInUseError';
  }
}

/** No Java (or too old a one) for DynamoDB Local. */
export class JavaMissingError extends Error {
  constructor(found: string | undefined) {
    super(
      found === undefined
        ? `DynamoDB Local needs Java ${MIN_JAVA_MAJOR}+: ${INSTALL_JAVA}`
        : `DynamoDB Local needs Java ${MIN_JAVA_MAJOR}+, and the java on the PATH is ${found}: ${INSTALL_JAVA}`,
    );
    this.name = 'JavaMissingError';
  }
}

/** Throws JavaMissingError unless `java` on the PATH is Java 17 or newer (it prints its version on stderr). */
export function assertJava(env: NodeJS.ProcessEnv = process.env): void {
  const probe = spawnSync('java', ['-version'], { env, encoding: 'utf8', timeout: JAVA_PROBE_TIMEOUT_MS });
  if (probe.error !== undefined || probe.status !== 0) throw new JavaMissingError(undefined);
  const major = javaMajorVersion(`${probe.stderr}${probe.stdout}`);
  if (major === undefined || major < MIN_JAVA_MAJOR)
    throw new JavaMissingError(major === undefined ? 'of unknown version' : `Java ${major}`);
}

/** The major version in `java -version` output: `"17.0.15"` is 17, the old `"1.8.0_292"` is 8. */
export function javaMajorVersion(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (match === null) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2] ?? 0) : first;
}

/** Throws PortInUseError when `port` on 127.0.0.1 cannot be listened on now (0 always can). */
export async function assertPortFree(port: number, option: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(isAddressInUse(error) ? new PortInUseError(port, option) : error));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Node's listen error for a taken port (EADDRINUSE), or EACCES for one below 1024 without rights. */
export function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'EADDRINUSE' || error.code === 'EACCES');
}

/** The port a listen failed on because it was taken, if that is what `error` is. */
export function busyPortOf(error: unknown): number | undefined {
  return isAddressInUse(error) && error instanceof Error && 'port' in error && typeof error.port === 'number'
    ? error.port
    : undefined;
}
