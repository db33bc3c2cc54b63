import type { ProcessList } from '../../../lib/protocol/containers';

/**
 * Podman 4.3 returns busybox `ps` output as one column: the title `PID   USER     TIME  COMMAND`
 * and each process as one string. Split it into the columns its title names; the last column
 * (the command) takes the rest of the line, spaces included. A table already in columns, or a
 * row that does not have enough fields, is left as the engine sent it.
 */
export function splitSingleColumnTop(list: ProcessList): ProcessList {
  if (list.titles.length !== 1) return list;
  const titles = list.titles[0]!.trim().split(/\s+/);
  if (titles.length < 2) return list;
  const rows: string[][] = [];
  for (const row of list.processes) {
    if (row.length !== 1) return list;
    const fields = row[0]!.trim().split(/\s+/);
    if (fields.length < titles.length) return list;
    rows.push([...fields.slice(0, titles.length - 1), fields.slice(titles.length - 1).join(' ')]);
  }
  return { titles, processes: rows };
}
