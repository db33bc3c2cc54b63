import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from './free-port';

/**
 * A real sshd (Debian's openssh-server) on a spare loopback port, with host and client keys made
 * here, whose sessions reach `dockerHost` (SetEnv), started in the foreground (-D) and stopped by
 * its PID. `sshConfig` is the client side: the key, and a known_hosts holding the true host key for
 * 127.0.0.1 and a wrong one for `localhost` (a changed host key, which must be refused).
 */
export interface TestSshd {
  port: number;
  sshConfig: string;
  stop(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';

const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file], { stdio: 'ignore' });

export async function startSshd(dir: string, dockerHost: string): Promise<TestSshd> {
  if (!fs.existsSync(SSHD)) throw new Error(`${SSHD} is missing: the SSH tests need Debian's openssh-server (apt-get install openssh-server).`);
  fs.mkdirSync(dir, { recursive: true });
  const p = (f: string) => path.join(dir, f);
  for (const k of ['host_key', 'client_key', 'other_host_key']) keygen(p(k));
  fs.copyFileSync(p('client_key.pub'), p('authorized_keys'));
  fs.chmodSync(p('authorized_keys'), 0o600);
  fs.mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation directory.
  const port = await freePort();
  fs.writeFileSync(
    p('sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${p('host_key')}`,
      `AuthorizedKeysFile ${p('authorized_keys')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'StrictModes no',
      `PidFile ${p('sshd.pid')}`,
      `SetEnv DOCKER_HOST=${dockerHost}`,
      '',
    ].join('\n'),
  );
  const hostKey = fs.readFileSync(p('host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  const otherKey = fs.readFileSync(p('other_host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  fs.writeFileSync(p('known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n[localhost]:${port} ${otherKey}\n`);
  fs.writeFileSync(
    p('ssh_config'),
    ['Host *', `  IdentityFile ${p('client_key')}`, '  IdentitiesOnly yes', `  UserKnownHostsFile ${p('known_hosts')}`, '  StrictHostKeyChecking yes', ''].join('\n'),
  );
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', p('sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`sshd did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    sshConfig: p('ssh_config'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
