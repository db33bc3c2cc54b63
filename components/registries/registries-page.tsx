'use client';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { TransferActions } from '@/components/transfers/transfer-actions';
import { fieldClass, labelClass } from '@/components/transfers/task-started';
import { registriesKey, useRegistries } from '@/components/transfers/use-registries';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { api } from '@/lib/api-client';
import { countNoun } from '@/lib/format/actions';
import { formatBytes } from '@/lib/format/bytes';
import type { DigestTags, ManifestSummary, Page, RegistrySummary } from '@/lib/protocol/registries';

const PullDialog = dynamic(() => import('@/components/transfers/pull-dialog').then((m) => m.PullDialog), { ssr: false });

const base = (id: string) => `/api/registries/${encodeURIComponent(id)}`;

function AddRegistry({ onDone }: { onDone: () => void }) {
  const qc = useQueryClient();
  const [address, setAddress] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const add = useMutation({
    mutationFn: () => api<RegistrySummary>('/api/registries', { method: 'POST', body: { address, username, password } }),
    onSuccess: () => {
      setPassword('');
      void qc.invalidateQueries({ queryKey: registriesKey });
      onDone();
    },
  });
  return (
    <form
      className="space-y-3 rounded-lg border border-line bg-panel p-4"
      aria-label="Add a registry"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h2 className="text-sm font-semibold">Add a registry</h2>
      <p className="text-xs text-muted">The engine checks the login with the registry (docker login) before anything is stored. The password stays on the server, in a file only Dockside&apos;s user can read; this page never sees it again.</p>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className={labelClass}>
          Address
          <input className={fieldClass} value={address} onChange={(e) => setAddress(e.target.value)} placeholder="registry.example:5000" spellCheck={false} required />
        </label>
        <label className={labelClass}>
          User name
          <input className={fieldClass} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
        </label>
        <label className={labelClass}>
          Password or token
          <input className={fieldClass} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </label>
      </div>
      {add.error && (
        <p role="alert" className="text-sm text-danger">
          {add.error.message}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={add.isPending || !address || !username || !password}>
        {add.isPending ? 'Checking the login…' : 'Log in and save'}
      </Button>
    </form>
  );
}

function DeleteManifest({ registry, repo, manifest, onDeleted }: { registry: RegistrySummary; repo: string; manifest: ManifestSummary; onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const sharing = useQuery({
    queryKey: ['registries', registry.id, 'digest-tags', repo, manifest.digest],
    queryFn: ({ signal }) => api<DigestTags>(`${base(registry.id)}/digest-tags?repo=${encodeURIComponent(repo)}&digest=${encodeURIComponent(manifest.digest)}`, { signal }),
    enabled: open,
  });
  const del = useMutation({
    mutationFn: () => api(`${base(registry.id)}/manifest?repo=${encodeURIComponent(repo)}&digest=${encodeURIComponent(manifest.digest)}`, { method: 'DELETE' }),
    onSuccess: () => {
      setOpen(false);
      onDeleted();
    },
  });
  return (
    <>
      <Button size="sm" variant="danger" onClick={() => setOpen(true)} disabled={!manifest.digest}>
        Delete…
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${manifest.digest.slice(0, 19)}… from ${repo}?`}
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Keep it
            </Button>
            <Button variant="danger" disabled={!sharing.data || del.isPending} onClick={() => del.mutate()}>
              {sharing.data ? `Delete the manifest and ${countNoun(sharing.data.tags.length, 'tag')}` : 'Delete'}
            </Button>
          </>
        }
      >
        <p>A registry deletes a manifest by its digest, not a tag: every tag pointing at this digest goes with it.</p>
        {sharing.isPending ? (
          <p className="mt-2 flex items-center gap-2 text-muted">
            <Spinner /> Finding the tags that point at it…
          </p>
        ) : sharing.error ? (
          <p className="mt-2 text-danger">{sharing.error.message}</p>
        ) : (
          <p className="mt-2">
            Tags that will go: <strong className="break-all">{sharing.data.tags.join(', ') || '(none found)'}</strong>
            {sharing.data.partial && ' — and possibly more: the repository has more tags than Dockside checked.'}
          </p>
        )}
        <p className="mt-2 text-muted">The disk space comes back only after the registry&apos;s garbage collection (registry garbage-collect, run offline by its operator).</p>
        {del.error && (
          <p role="alert" className="mt-2 text-danger">
            {del.error.message}
          </p>
        )}
      </Dialog>
    </>
  );
}

function ManifestView({ registry, repo, tag, onDeleted }: { registry: RegistrySummary; repo: string; tag: string; onDeleted: () => void }) {
  const [pull, setPull] = useState(false);
  const m = useQuery({
    queryKey: ['registries', registry.id, 'manifest', repo, tag],
    queryFn: ({ signal }) => api<ManifestSummary>(`${base(registry.id)}/manifest?repo=${encodeURIComponent(repo)}&ref=${encodeURIComponent(tag)}`, { signal }),
  });
  const ref = `${registry.hub ? '' : `${registry.address}/`}${repo}:${tag}`;
  if (m.isPending)
    return (
      <p className="flex items-center gap-2 text-sm text-muted">
        <Spinner /> Reading the manifest…
      </p>
    );
  if (m.error) return <p className="text-sm text-danger">{m.error.message}</p>;
  const d = m.data;
  return (
    <section aria-label={`Manifest of ${repo}:${tag}`} className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold break-all">
          {repo}:{tag}
        </h3>
        <Button size="sm" variant="primary" onClick={() => setPull(true)}>
          Pull
        </Button>
        {!registry.hub && <DeleteManifest registry={registry} repo={repo} manifest={d} onDeleted={onDeleted} />}
      </div>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-muted">Digest</dt>
        <dd className="flex items-center gap-1 font-mono break-all">
          {d.digest} <CopyButton value={d.digest} label="Copy digest" />
        </dd>
        <dt className="text-muted">Media type</dt>
        <dd className="break-all">{d.mediaType}</dd>
        <dt className="text-muted">{d.kind === 'index' ? 'Manifests' : 'Compressed size'}</dt>
        <dd>{d.kind === 'index' ? `${d.platforms.length} platforms` : formatBytes(d.totalSize)}</dd>
        {d.config?.created && (
          <>
            <dt className="text-muted">Created</dt>
            <dd>{new Date(d.config.created).toLocaleString()}</dd>
          </>
        )}
        {d.config?.os && (
          <>
            <dt className="text-muted">Platform</dt>
            <dd>
              {d.config.os}/{d.config.architecture}
            </dd>
          </>
        )}
        {(d.config?.entrypoint || d.config?.cmd) && (
          <>
            <dt className="text-muted">Runs</dt>
            <dd className="font-mono break-all">{[...(d.config.entrypoint ?? []), ...(d.config.cmd ?? [])].join(' ')}</dd>
          </>
        )}
        {d.config?.labels && Object.keys(d.config.labels).length > 0 && (
          <>
            <dt className="text-muted">Labels</dt>
            <dd className="break-all">
              {Object.entries(d.config.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')}
            </dd>
          </>
        )}
      </dl>
      {d.kind === 'index' ? (
        <table className="w-full text-xs">
          <thead>
            <tr className="text-left text-muted">
              <th className="py-1 font-medium">Platform</th>
              <th className="py-1 font-medium">Digest</th>
              <th className="py-1 text-right font-medium">Size</th>
            </tr>
          </thead>
          <tbody>
            {d.platforms.map((p) => (
              <tr key={p.digest} className="border-t border-line/50">
                <td className="py-0.5">
                  {p.os}/{p.architecture}
                  {p.variant ? `/${p.variant}` : ''}
                </td>
                <td className="py-0.5 font-mono">{p.digest.slice(0, 19)}…</td>
                <td className="py-0.5 text-right">{formatBytes(p.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <table className="w-full text-xs">
          <thead>
            <tr className="text-left text-muted">
              <th className="py-1 font-medium">Layer</th>
              <th className="py-1 text-right font-medium">Compressed size</th>
            </tr>
          </thead>
          <tbody>
            {d.layers.map((l) => (
              <tr key={l.digest} className="border-t border-line/50">
                <td className="py-0.5 font-mono">{l.digest.slice(0, 19)}…</td>
                <td className="py-0.5 text-right">{formatBytes(l.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pull && <PullDialog open onClose={() => setPull(false)} initialRef={ref} />}
    </section>
  );
}

function Tags({ registry, repo }: { registry: RegistrySummary; repo: string }) {
  const qc = useQueryClient();
  const [tag, setTag] = useState<string | null>(null);
  const tags = useInfiniteQuery({
    queryKey: ['registries', registry.id, 'tags', repo],
    queryFn: ({ pageParam, signal }) => api<Page<string>>(`${base(registry.id)}/tags?repo=${encodeURIComponent(repo)}&n=100${pageParam ? `&last=${encodeURIComponent(pageParam)}` : ''}`, { signal }),
    initialPageParam: '',
    getNextPageParam: (p) => p.next,
  });
  const all = tags.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="grid gap-4 md:grid-cols-[14rem_1fr]">
      <div>
        <h3 className="mb-1 text-sm font-medium break-all">Tags of {repo}</h3>
        {tags.isPending ? (
          <Spinner />
        ) : tags.error ? (
          <p className="text-sm text-danger">{tags.error.message}</p>
        ) : all.length === 0 ? (
          <p className="text-sm text-muted">No tags (an empty repository stays in the catalog after its tags are deleted).</p>
        ) : (
          <ul aria-label={`Tags of ${repo}`} className="space-y-0.5">
            {all.map((t) => (
              <li key={t}>
                <button type="button" onClick={() => setTag(t)} aria-current={t === tag ? 'true' : undefined} className={`w-full rounded px-2 py-0.5 text-left text-sm ${t === tag ? 'bg-raised text-fg' : 'hover:bg-raised/60'}`}>
                  {t}
                </button>
              </li>
            ))}
          </ul>
        )}
        {tags.hasNextPage && (
          <Button size="sm" className="mt-1" onClick={() => void tags.fetchNextPage()} disabled={tags.isFetchingNextPage}>
            More tags
          </Button>
        )}
      </div>
      <div className="min-w-0">
        {tag ? (
          <ManifestView
            key={tag}
            registry={registry}
            repo={repo}
            tag={tag}
            onDeleted={() => {
              setTag(null);
              void qc.invalidateQueries({ queryKey: ['registries', registry.id] });
            }}
          />
        ) : (
          <p className="text-sm text-muted">Choose a tag to see its manifest.</p>
        )}
      </div>
    </div>
  );
}

function Browser({ registry }: { registry: RegistrySummary }) {
  const [repo, setRepo] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const catalog = useInfiniteQuery({
    queryKey: ['registries', registry.id, 'catalog'],
    queryFn: ({ pageParam, signal }) => api<Page<string>>(`${base(registry.id)}/catalog?n=100${pageParam ? `&last=${encodeURIComponent(pageParam)}` : ''}`, { signal }),
    initialPageParam: '',
    getNextPageParam: (p) => p.next,
    enabled: registry.catalog,
  });
  const repos = catalog.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-label={`Browse ${registry.address}`} className="space-y-3 rounded-lg border border-line bg-panel p-4">
      <div className="flex flex-wrap items-end gap-2">
        <h2 className="text-sm font-semibold">{registry.address}</h2>
        <form
          className="ml-auto flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) setRepo(typed.trim().toLowerCase());
          }}
        >
          <label className={labelClass}>
            Repository
            <input className={fieldClass} value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={registry.hub ? 'library/busybox' : 'team/app'} spellCheck={false} />
          </label>
          <Button type="submit" size="sm">
            Show tags
          </Button>
        </form>
      </div>
      {!registry.catalog ? (
        <p className="text-sm text-muted">Docker Hub has no catalog to list: type a repository name (official images are library/&lt;name&gt;).</p>
      ) : catalog.isPending ? (
        <p className="flex items-center gap-2 text-sm text-muted">
          <Spinner /> Reading the catalog…
        </p>
      ) : catalog.error ? (
        <p role="alert" className="text-sm text-danger">
          {catalog.error.message} You can still type a repository name.
        </p>
      ) : repos.length === 0 ? (
        <p className="text-sm text-muted">The catalog is empty.</p>
      ) : (
        <div>
          <ul aria-label="Repositories" className="flex flex-wrap gap-1">
            {repos.map((r) => (
              <li key={r}>
                <Button size="sm" variant={r === repo ? 'primary' : 'secondary'} onClick={() => setRepo(r)}>
                  {r}
                </Button>
              </li>
            ))}
          </ul>
          {catalog.hasNextPage && (
            <Button size="sm" className="mt-2" onClick={() => void catalog.fetchNextPage()} disabled={catalog.isFetchingNextPage}>
              More repositories
            </Button>
          )}
        </div>
      )}
      {repo && <Tags key={repo} registry={registry} repo={repo} />}
    </section>
  );
}

/** Registries: Docker Hub and the ones the user added (credentials on the server only), and a v2 browser. */
export function RegistriesPage() {
  const qc = useQueryClient();
  const registries = useRegistries();
  const [adding, setAdding] = useState(false);
  const [browsing, setBrowsing] = useState<string | null>(null);
  const logout = useMutation({
    mutationFn: (id: string) => api(`${base(id)}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: registriesKey }),
  });
  const current = registries.data?.find((r) => r.id === browsing) ?? null;
  return (
    <div className="space-y-4 p-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">Registries</h1>
        <span className="text-sm text-muted">Where images are pulled from and pushed to. Passwords never leave the server.</span>
        <div className="ml-auto flex gap-2">
          <TransferActions actions={['pull', 'push']} />
          <Button size="sm" variant="primary" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            Add registry
          </Button>
        </div>
      </div>
      {adding && <AddRegistry onDone={() => setAdding(false)} />}
      {registries.isPending ? (
        <p className="flex items-center gap-2 text-sm text-muted">
          <Spinner /> Reading registries…
        </p>
      ) : registries.error ? (
        <EmptyState tone="error" title="Could not list registries" action={<Button onClick={() => void registries.refetch()}>Try again</Button>}>
          {registries.error.message}
        </EmptyState>
      ) : (
        <ul aria-label="Registries" className="grid gap-2 md:grid-cols-2 xl:grid-cols-3">
          {registries.data.map((r) => (
            <li key={r.id} className={`rounded-lg border p-3 ${r.id === browsing ? 'border-accent bg-raised' : 'border-line bg-panel'}`}>
              <div className="flex items-baseline gap-2">
                <span className="font-medium break-all">{r.hub ? 'Docker Hub' : r.address}</span>
                <span className="ml-auto text-xs text-muted">{r.transport}</span>
              </div>
              <div className="mt-1 text-xs text-muted">
                {r.username ? `Logged in as ${r.username}` : 'Anonymous'} ·{' '}
                {r.source === 'docker-config' ? 'from ~/.docker/config.json (read-only)' : r.source === 'dockside' ? 'stored by Dockside' : 'built in'}
              </div>
              <div className="mt-2 flex gap-2">
                <Button size="sm" onClick={() => setBrowsing(r.id)} aria-pressed={r.id === browsing}>
                  Browse
                </Button>
                {r.source === 'dockside' && (
                  <Button size="sm" variant="ghost" onClick={() => logout.mutate(r.id)} disabled={logout.isPending}>
                    Log out
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {logout.error && (
        <p role="alert" className="text-sm text-danger">
          {logout.error.message}
        </p>
      )}
      {current && <Browser key={current.id} registry={current} />}
    </div>
  );
}
