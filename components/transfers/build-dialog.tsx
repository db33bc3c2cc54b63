'use client';
import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useTaskStart } from '@/hooks/use-task-start';
import { api } from '@/lib/api-client';
import { countNoun } from '@/lib/format/actions';
import { formatBytes } from '@/lib/format/bytes';
import { parseImageRef } from '@/lib/protocol/image-ref';
import type { TaskSummary } from '@/lib/protocol/tasks';
import { transfersPaths, type BuildOptionsInput } from '@/lib/protocol/transfers';
import { FILE_RECORDS_TYPE } from '@/lib/protocol/file-records';
import { folderContext, relative, scriptsIn } from '@/lib/transfers/folder-context';
import { uploadForTask } from '@/lib/transfers/upload';
import { TaskDialog, TaskError } from './task-dialog';
import { fieldClass, labelClass } from './task-started';

const DockerfileEditor = dynamic(() => import('./dockerfile-editor').then((m) => m.DockerfileEditor), { ssr: false, loading: () => <div className="h-40 rounded-md border border-line bg-surface" /> });

type Mode = 'editor' | 'folder' | 'archive';

/** `KEY=value` lines → a record; blank lines and `#` comments skipped. */
function keyValues(text: string): { values: Record<string, string>; bad: string | null } {
  const values: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 1) return { values, bad: line };
    values[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return { values, bad: null };
}

/** `docker build`: from a Dockerfile written here, a folder, or a .tar/.tar.gz context (legacy builder). */
export function BuildDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [mode, setMode] = useState<Mode>('editor');
  const [text, setText] = useState('FROM dockside/busybox\nRUN echo "hello from a Dockside build" > /hello.txt\nCMD ["cat", "/hello.txt"]\n');
  const [tags, setTags] = useState('');
  const [dockerfile, setDockerfile] = useState('Dockerfile');
  const [args, setArgs] = useState('');
  const [labels, setLabels] = useState('');
  const [target, setTarget] = useState('');
  const [noCache, setNoCache] = useState(false);
  const [pull, setPull] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [archive, setArchive] = useState<File | null>(null);
  // Browsers give no file modes: the user says which files are executable (scripts marked for them).
  const [executable, setExecutable] = useState<Set<string>>(new Set());
  useEffect(() => {
    let live = true;
    setExecutable(new Set());
    void scriptsIn(files).then((found) => live && setExecutable(found));
    return () => {
      live = false;
    };
  }, [files]);
  const { task, error, busy, sent, start, close } = useTaskStart(onClose);

  const tagList = tags
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  const badTag = tagList.map((t) => ({ t, r: parseImageRef(t) })).find((x) => !x.r.ok || x.r.ref.digest);
  const argsParsed = keyValues(args);
  const labelsParsed = keyValues(labels);
  const problem = badTag
    ? `Tag "${badTag.t}": ${badTag.r.ok ? 'a tag cannot have a digest' : badTag.r.error}`
    : argsParsed.bad
      ? `Build argument "${argsParsed.bad}" is not KEY=value.`
      : labelsParsed.bad
        ? `Label "${labelsParsed.bad}" is not key=value.`
        : mode === 'folder' && files.length === 0
          ? 'Choose a folder.'
          : mode === 'archive' && !archive
            ? 'Choose a .tar or .tar.gz file.'
            : mode === 'editor' && !text.trim()
              ? 'The Dockerfile is empty.'
              : null;

  const submit = async () => {
    if (problem) return;
    const options: BuildOptionsInput = {
      tags: tagList,
      dockerfile: mode === 'editor' ? 'Dockerfile' : dockerfile.trim() || 'Dockerfile',
      buildArgs: argsParsed.values,
      labels: labelsParsed.values,
      ...(target.trim() ? { target: target.trim() } : {}),
      noCache,
      pull,
    };
    await start(async ({ signal, onProgress }) => {
      if (mode === 'editor') return api<TaskSummary>(transfersPaths.build, { method: 'POST', body: { dockerfileText: text, options } });
      const url = `${transfersPaths.build}?options=${encodeURIComponent(JSON.stringify(options))}`;
      if (mode === 'folder') {
        const ctx = await folderContext(files, options.dockerfile!, executable);
        if (!ctx.hasDockerfile) throw new Error(`The folder has no ${options.dockerfile} at its top level (the Dockerfile must be inside the context).`);
        return uploadForTask(url, ctx.body, FILE_RECORDS_TYPE, onProgress, signal);
      }
      const gz = /\.(tgz|gz)$/i.test(archive!.name);
      return uploadForTask(url, archive!, gz ? 'application/gzip' : 'application/x-tar', onProgress, signal);
    });
  };

  return (
    <TaskDialog open={open} onClose={close} title="Build an image" task={task} busy={busy} sent={sent} disabled={!!problem} onSubmit={() => void submit()} action="Build">
      <div className="space-y-3">
        <p className="text-xs text-muted">The engine builds with its legacy builder (BuildKit needs a session this engine does not offer). The context goes to the engine as a stream; Dockside never unpacks it.</p>
        <div role="radiogroup" aria-label="Build context" className="flex gap-1">
          {(
            [
              ['editor', 'Write a Dockerfile'],
              ['folder', 'Upload a folder'],
              ['archive', 'Upload a .tar/.tar.gz'],
            ] as const
          ).map(([m, label]) => (
            <Button key={m} size="sm" role="radio" aria-checked={mode === m} variant={mode === m ? 'primary' : 'secondary'} onClick={() => setMode(m)}>
              {label}
            </Button>
          ))}
        </div>
        {mode === 'editor' && (
          <div>
            <DockerfileEditor value={text} onChange={setText} label="Dockerfile" />
            <p className="mt-1 text-xs text-muted">No other files: COPY and ADD have nothing to copy. Tab indents; press Escape, then Tab, to leave the editor.</p>
          </div>
        )}
        {mode === 'folder' && (
          <div className="space-y-2">
            <label className={labelClass}>
              Folder (its .dockerignore is applied before anything is sent; files get owner 0:0)
              <input
                className={fieldClass}
                type="file"
                // @ts-expect-error: the directory picker attributes are not in React's types.
                webkitdirectory=""
                directory=""
                multiple
                onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
              />
              {files.length > 0 && <span className="mt-1 block text-muted">{countNoun(files.length, 'file')}, {formatBytes(files.reduce((a, f) => a + f.size, 0))} before .dockerignore</span>}
            </label>
            {files.length > 0 && <FileModes files={files} executable={executable} onChange={setExecutable} />}
          </div>
        )}
        {mode === 'archive' && (
          <label className={labelClass}>
            Context archive (sent to the engine as it is)
            <input className={fieldClass} type="file" accept=".tar,.tgz,.gz,application/x-tar,application/gzip" onChange={(e) => setArchive(e.target.files?.[0] ?? null)} />
          </label>
        )}
        <div className="grid grid-cols-2 gap-3">
          <label className={labelClass}>
            Tags (comma or space separated)
            <input className={fieldClass} value={tags} onChange={(e) => setTags(e.target.value)} placeholder="app:latest, app:1.0" spellCheck={false} />
          </label>
          {mode !== 'editor' && (
            <label className={labelClass}>
              Dockerfile path in the context
              <input className={fieldClass} value={dockerfile} onChange={(e) => setDockerfile(e.target.value)} spellCheck={false} />
            </label>
          )}
          <label className={labelClass}>
            Target stage (optional)
            <input className={fieldClass} value={target} onChange={(e) => setTarget(e.target.value)} spellCheck={false} />
          </label>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <label className={labelClass}>
            Build arguments (KEY=value per line)
            <textarea className={`${fieldClass} h-16 font-mono`} value={args} onChange={(e) => setArgs(e.target.value)} spellCheck={false} />
          </label>
          <label className={labelClass}>
            Labels (key=value per line)
            <textarea className={`${fieldClass} h-16 font-mono`} value={labels} onChange={(e) => setLabels(e.target.value)} spellCheck={false} />
          </label>
        </div>
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-1.5">
            <input type="checkbox" checked={noCache} onChange={(e) => setNoCache(e.target.checked)} /> No cache
          </label>
          <label className="flex items-center gap-1.5">
            <input type="checkbox" checked={pull} onChange={(e) => setPull(e.target.checked)} /> Always pull base images
          </label>
        </div>
        {problem && <p className="text-xs text-warning">{problem}</p>}
        <TaskError error={error} />
      </div>
    </TaskDialog>
  );
}

/** Files shown in the modes list at most (a huge folder still uploads whole; only the list is cut). */
const MAX_MODE_ROWS = 1000;

/**
 * File modes for a folder upload. A browser's File carries no mode, so Dockside cannot know which
 * files were executable on disk (the docker CLI reads it from the filesystem): every file goes as
 * 0644 unless marked here as 0755. Files starting with `#!` are marked to begin with.
 */
function FileModes({ files, executable, onChange }: { files: File[]; executable: Set<string>; onChange: (s: Set<string>) => void }) {
  const paths = files.map(relative).sort((a, b) => a.localeCompare(b));
  const toggle = (path: string, on: boolean) => {
    const next = new Set(executable);
    if (on) next.add(path);
    else next.delete(path);
    onChange(next);
  };
  return (
    <fieldset className="rounded-md border border-line p-2 text-xs">
      <legend className="px-1 text-muted">File modes: {executable.size} executable (0755), the rest 0644</legend>
      <p className="mb-1 text-muted">Browsers do not tell web pages a file&apos;s mode, so Dockside cannot see which files are executable on your disk. Scripts that start with #! are marked; mark any other file that must be executable in the image.</p>
      <ul aria-label="Executable files" className="max-h-40 overflow-auto">
        {paths.slice(0, MAX_MODE_ROWS).map((p) => (
          <li key={p}>
            <label className="flex items-center gap-1.5 font-mono">
              <input type="checkbox" checked={executable.has(p)} onChange={(e) => toggle(p, e.target.checked)} aria-label={`${p} executable`} />
              <span className="break-all">{p}</span>
            </label>
          </li>
        ))}
      </ul>
      {paths.length > MAX_MODE_ROWS && <p className="mt-1 text-muted">The first {MAX_MODE_ROWS} of {paths.length} files are listed; the others go as detected: 0755 if they start with #!, else 0644.</p>}
    </fieldset>
  );
}
