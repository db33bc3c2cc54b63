'use client';
import type { RunSpec } from '@/lib/protocol/run-spec';
import { canonicalDevice, parseDevice } from '@/lib/protocol/run/run-line';
import { formatBytes, formatDuration, parseBytes, parseDuration } from '@/lib/protocol/run/units';
import { Check, Field, inputClass, Rows } from './run-fields';

type Errors = Partial<Record<string, string>>;

/** The spec fields the Advanced section holds; it opens by itself when one of them is set. */
export const advancedKeys = ['devices', 'securityOpt', 'dns', 'dnsSearch', 'dnsOptions', 'extraHosts', 'macAddress', 'shmSize', 'stopSignal', 'stopTimeout', 'healthcheck', 'noHealthcheck'] as const;

export function hasAdvanced(spec: RunSpec, errors: Errors = {}): boolean {
  return advancedKeys.some((k) => spec[k] !== undefined || errors[k] !== undefined);
}

const csv = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const listOrUndefined = <T,>(xs: T[]) => (xs.length ? xs : undefined);

/** A device row's inputs: the container path is shown empty when it is the host path. */
function deviceParts(d: string): { host: string; inContainer: string; perms: string } {
  const p = parseDevice(d);
  return { ...p, inContainer: p.inContainer === p.host ? '' : p.inContainer };
}
const deviceString = ({ host, inContainer, perms }: { host: string; inContainer: string; perms: string }) => canonicalDevice([host, inContainer || host, perms || 'rwm'].join(':'));

/**
 * A text input for a value with its own grammar (a size, a duration): shows the value written back,
 * reports a parse error under `errorKey`, and sets `undefined` when emptied.
 */
function ParsedInput<T>({
  props,
  initial,
  parse,
  message,
  errorKey,
  setErrors,
  onValue,
  placeholder,
  disabled,
}: {
  props: { id: string };
  initial: string;
  parse: (s: string) => T | null;
  message: string;
  errorKey: string;
  setErrors: (f: (e: Errors) => Errors) => void;
  onValue: (v: T | undefined) => void;
  placeholder?: string;
  disabled?: boolean;
}) {
  return (
    <input
      {...props}
      className={inputClass}
      defaultValue={initial}
      placeholder={placeholder}
      disabled={disabled}
      onChange={(e) => {
        const text = e.target.value.trim();
        const v = text ? parse(text) : undefined;
        if (v === null) setErrors((x) => ({ ...x, [errorKey]: message }));
        else {
          setErrors(({ [errorKey]: _gone, ...x }) => x);
          onValue(v);
        }
      }}
    />
  );
}

/**
 * Devices, security options, DNS, extra hosts, MAC address, /dev/shm size, stop signal and timeout,
 * and the whole health check: what `docker run` carries beyond the everyday fields. Each value is
 * checked by the same schema as the server (on submit) and round-trips through the docker run line.
 */
export function AdvancedFields({
  spec,
  set,
  errors,
  setErrors,
  imageHealth,
  imageStopSignal,
}: {
  spec: RunSpec;
  set: (patch: Partial<RunSpec>) => void;
  errors: Errors;
  setErrors: (f: (e: Errors) => Errors) => void;
  /** The image's own health check test, shown as the command's placeholder. */
  imageHealth?: string;
  imageStopSignal?: string;
}) {
  const h = spec.healthcheck;
  const setHealth = (patch: Partial<NonNullable<RunSpec['healthcheck']>>) => {
    const next = { ...h, ...patch };
    for (const k of Object.keys(next) as Array<keyof typeof next>) if (next[k] === undefined) delete next[k];
    set({ healthcheck: Object.keys(next).length ? next : undefined });
  };
  const duration = (key: 'intervalNs' | 'timeoutNs' | 'startPeriodNs', label: string, example: string) => (
    <Field label={label} error={errors[`health.${key}`]} hint={`e.g. ${example}`}>
      {(p) => (
        <ParsedInput
          props={p}
          initial={h?.[key] !== undefined ? formatDuration(h[key]!) : ''}
          parse={parseDuration}
          message="Write a duration like 30s, 1m30s or 500ms."
          errorKey={`health.${key}`}
          setErrors={setErrors}
          onValue={(ns) => setHealth({ [key]: ns })}
          disabled={spec.noHealthcheck}
        />
      )}
    </Field>
  );

  return (
    <div className="flex flex-col gap-4">
      <div>
        <h3 className="mb-1 text-xs font-medium text-fg-soft">Devices (--device)</h3>
        {errors.devices && <p role="alert" className="mb-1 text-xs text-danger">{errors.devices}</p>}
        <Rows<string>
          items={spec.devices ?? []}
          onChange={(devices) => set({ devices: listOrUndefined(devices) })}
          blank={() => ''}
          addLabel="Device"
          empty="No host devices."
          render={(d, setD, i) => {
            const parts = deviceParts(d);
            return (
              <>
                <input aria-label={`Device ${i + 1} path on the host`} placeholder="/dev/fuse" className={`${inputClass} min-w-28 flex-1 font-mono`} value={parts.host} onChange={(e) => setD(deviceString({ ...parts, host: e.target.value.trim() }))} />
                <span aria-hidden>→</span>
                <input aria-label={`Device ${i + 1} path in the container`} placeholder="same path" className={`${inputClass} min-w-28 flex-1 font-mono`} value={parts.inContainer} onChange={(e) => setD(deviceString({ ...parts, inContainer: e.target.value.trim() }))} />
                <div className="w-28 shrink-0">
                  <select aria-label={`Device ${i + 1} permissions`} className={inputClass} value={parts.perms} onChange={(e) => setD(deviceString({ ...parts, perms: e.target.value }))}>
                    <option value="rwm">rwm (all)</option>
                    <option value="rw">rw</option>
                    <option value="r">r (read)</option>
                    <option value="rm">rm</option>
                    <option value="m">m (mknod)</option>
                  </select>
                </div>
              </>
            );
          }}
        />
      </div>

      <div>
        <h3 className="mb-1 text-xs font-medium text-fg-soft">Extra hosts (--add-host)</h3>
        {errors.extraHosts && <p role="alert" className="mb-1 text-xs text-danger">{errors.extraHosts}</p>}
        <Rows<string>
          items={spec.extraHosts ?? []}
          onChange={(hosts) => set({ extraHosts: listOrUndefined(hosts) })}
          blank={() => ':'}
          addLabel="Host"
          empty="No extra /etc/hosts entries."
          render={(entry, setEntry, i) => {
            const colon = entry.indexOf(':');
            const name = colon < 0 ? entry : entry.slice(0, colon);
            const addr = colon < 0 ? '' : entry.slice(colon + 1);
            return (
              <>
                <input aria-label={`Host ${i + 1} name`} placeholder="db.local" className={`${inputClass} flex-1`} value={name} onChange={(e) => setEntry(`${e.target.value.trim()}:${addr}`)} />
                <span aria-hidden>→</span>
                <input aria-label={`Host ${i + 1} address`} placeholder="10.0.0.5 or host-gateway" className={`${inputClass} flex-1 font-mono`} value={addr} onChange={(e) => setEntry(`${name}:${e.target.value.trim()}`)} />
              </>
            );
          }}
        />
      </div>

      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="DNS servers (--dns, comma-separated)" error={errors.dns}>
          {(p) => <input {...p} className={`${inputClass} font-mono`} placeholder="10.0.0.53, 1.1.1.1" defaultValue={spec.dns?.join(', ') ?? ''} onChange={(e) => set({ dns: listOrUndefined(csv(e.target.value)) })} />}
        </Field>
        <Field label="DNS search domains (--dns-search)" error={errors.dnsSearch}>
          {(p) => <input {...p} className={inputClass} placeholder="example.com" defaultValue={spec.dnsSearch?.join(', ') ?? ''} onChange={(e) => set({ dnsSearch: listOrUndefined(csv(e.target.value)) })} />}
        </Field>
        <Field label="DNS options (--dns-option)" error={errors.dnsOptions}>
          {(p) => <input {...p} className={inputClass} placeholder="ndots:2, rotate" defaultValue={spec.dnsOptions?.join(', ') ?? ''} onChange={(e) => set({ dnsOptions: listOrUndefined(csv(e.target.value)) })} />}
        </Field>
        <Field label="Security options (--security-opt, comma-separated)" error={errors.securityOpt}>
          {(p) => <input {...p} className={`${inputClass} font-mono`} placeholder="no-new-privileges" defaultValue={spec.securityOpt?.join(', ') ?? ''} onChange={(e) => set({ securityOpt: listOrUndefined(csv(e.target.value)) })} />}
        </Field>
        <Field label="MAC address (--mac-address)" error={errors.macAddress}>
          {(p) => <input {...p} className={`${inputClass} font-mono`} placeholder="02:42:ac:11:00:02" defaultValue={spec.macAddress ?? ''} onChange={(e) => set({ macAddress: e.target.value.trim() || undefined })} />}
        </Field>
        <Field label="/dev/shm size (--shm-size)" error={errors.shmSize} hint="Empty: 64m.">
          {(p) => (
            <ParsedInput
              props={p}
              initial={spec.shmSize !== undefined ? formatBytes(spec.shmSize) : ''}
              parse={parseBytes}
              message="Write a size like 64m or 1g."
              errorKey="shmSize"
              setErrors={setErrors}
              onValue={(b) => set({ shmSize: b })}
              placeholder="64m"
            />
          )}
        </Field>
        <Field label="Stop signal (--stop-signal)" error={errors.stopSignal}>
          {(p) => <input {...p} className={`${inputClass} font-mono`} placeholder={imageStopSignal || 'SIGTERM'} defaultValue={spec.stopSignal ?? ''} onChange={(e) => set({ stopSignal: e.target.value.trim() || undefined })} />}
        </Field>
        <Field label="Stop timeout, seconds (--stop-timeout)" error={errors.stopTimeout} hint="Empty: 10 s.">
          {(p) => (
            <ParsedInput
              props={p}
              initial={spec.stopTimeout !== undefined ? String(spec.stopTimeout) : ''}
              parse={(s) => (/^-?\d+$/.test(s) ? Number(s) : null)}
              message="Whole seconds, like 30 (-1: wait for ever)."
              errorKey="stopTimeout"
              setErrors={setErrors}
              onValue={(n) => set({ stopTimeout: n })}
              placeholder="10"
            />
          )}
        </Field>
      </div>

      <div>
        <h3 className="mb-1 text-xs font-medium text-fg-soft">Health check</h3>
        {errors.healthcheck && <p role="alert" className="mb-1 text-xs text-danger">{errors.healthcheck}</p>}
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="sm:col-span-3">
            <Field label="Health command (--health-cmd)" hint="Run by the container’s shell; exit 0 = healthy.">
              {(p) => <input {...p} className={`${inputClass} font-mono`} placeholder={imageHealth} defaultValue={h?.cmd ?? ''} disabled={spec.noHealthcheck} onChange={(e) => setHealth({ cmd: e.target.value || undefined })} />}
            </Field>
          </div>
          {duration('intervalNs', 'Interval (--health-interval)', '30s')}
          {duration('timeoutNs', 'Timeout (--health-timeout)', '5s')}
          {duration('startPeriodNs', 'Start period (--health-start-period)', '1m')}
          <Field label="Retries (--health-retries)" error={errors['health.retries']}>
            {(p) => (
              <ParsedInput
                props={p}
                initial={h?.retries !== undefined ? String(h.retries) : ''}
                parse={(s) => (/^\d+$/.test(s) ? Number(s) : null)}
                message="A whole number, like 3."
                errorKey="health.retries"
                setErrors={setErrors}
                onValue={(n) => setHealth({ retries: n })}
                disabled={spec.noHealthcheck}
              />
            )}
          </Field>
        </div>
        <div className="mt-2">
          <Check label="No health check, not even the image’s (--no-healthcheck)" checked={Boolean(spec.noHealthcheck)} onChange={(v) => set({ noHealthcheck: v || undefined })} />
        </div>
      </div>
    </div>
  );
}
