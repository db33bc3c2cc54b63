import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcSample {
  /** user + system CPU time so far, in seconds. */
  cpuSeconds: number;
  rssBytes: number;
}

/** CPU time (utime + stime) and resident memory of one process, from /proc. */
export function procSample(pid: number): ProcSample {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state, field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: (utime + stime) / CLK_TCK, rssBytes: rssKb * 1024 };
}

/** `pid` and all its descendants (Next may fork workers; their memory is the server's too). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** Summed over the process tree. */
export function treeSample(pid: number): ProcSample & { processes: number } {
  let cpuSeconds = 0;
  let rssBytes = 0;
  let processes = 0;
  for (const p of processTree(pid)) {
    try {
      const s = procSample(p);
      cpuSeconds += s.cpuSeconds;
      rssBytes += s.rssBytes;
      processes++;
    } catch {
      // exited meanwhile
    }
  }
  return { cpuSeconds, rssBytes, processes };
}
