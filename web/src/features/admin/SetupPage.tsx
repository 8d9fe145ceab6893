// Admin → Setup: the first-run checklist. Each capability with its state, what it blocks until it is
// done, and where to fix it (a page of the app, or a setting); the settings an admin may change in the
// app sit next to their item, each in its own form (an environment variable, when set, wins and the form
// says so); and a test mail through the relay.
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { Badge, ErrorNote, Loading, PageHeader } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Setting, SetupChecklist, SetupItem } from '../../types.ts';

const STATE_LABELS: Record<SetupItem['state'], string> = { done: 'done', warning: 'check', missing: 'missing' };

export function SetupPage() {
  const checklist = useApi<SetupChecklist>('/api/setup/checklist');
  const settings = useApi<{ items: Setting[] }>('/api/settings');
  const { reload: reloadChecklist } = checklist;
  const { reload: reloadSettings } = settings;
  const changed = () => {
    reloadChecklist();
    reloadSettings();
  };
  const byKey = new Map((settings.data?.items ?? []).map((s) => [s.key, s]));
  const placed = new Set(checklist.data?.items.flatMap((i) => i.settings) ?? []);
  const others = (settings.data?.items ?? []).filter((s) => !placed.has(s.key));
  return (
    <>
      <PageHeader title="Setup" />
      <p className="lead">
        What each part of the desk needs. Work down the list: a missing item blocks what it names; a warning works on this machine but not yet for a real team.
        A setting saved here is in force at once; an environment variable, when set, wins.
      </p>
      {checklist.error ? <ErrorNote error={checklist.error} retry={checklist.reload} /> : null}
      {settings.error ? <ErrorNote error={settings.error} retry={settings.reload} /> : null}
      {!checklist.data ? (
        <Loading what="the setup checklist" />
      ) : (
        <>
          <p role="status">
            <strong>
              {checklist.data.done} of {checklist.data.total}
            </strong>{' '}
            done.
          </p>
          <ol className="checklist" aria-label="Setup checklist">
            {checklist.data.items.map((item) => (
              <Item key={item.id} item={item} onChange={checklist.reload}>
                {item.settings
                  .map((key) => byKey.get(key))
                  .filter((s): s is Setting => s !== undefined)
                  .map((s) => (
                    <SettingForm key={s.key} setting={s} onSaved={changed} />
                  ))}
              </Item>
            ))}
          </ol>
          {others.length ? (
            <section aria-label="More settings" className="checklist-item">
              <h2>More settings</h2>
              {others.map((s) => (
                <SettingForm key={s.key} setting={s} onSaved={changed} />
              ))}
            </section>
          ) : null}
        </>
      )}
    </>
  );
}

function Item({ item, onChange, children }: { item: SetupItem; onChange(): void; children: ReactNode }) {
  const inApp = item.fix && 'setting' in item.fix && item.fix.where === 'Admin → Setup';
  return (
    <li className={`checklist-item state-${item.state}`} aria-label={item.title}>
      <h2>
        <Badge kind={`setup-${item.state}`}>{STATE_LABELS[item.state]}</Badge> {item.title}
      </h2>
      <p>{item.detail}</p>
      {item.blocks.length ? <p className="small">Blocks: {item.blocks.join('; ')}.</p> : null}
      {item.fix && 'page' in item.fix ? (
        <p className="small">
          Fix it in <Link to={item.fix.page}>{item.fix.label}</Link>.
        </p>
      ) : null}
      {item.fix && 'setting' in item.fix && !inApp ? (
        <p className="small">
          Set <code>{item.fix.setting}</code> ({item.fix.where}) and restart.
        </p>
      ) : null}
      {inApp ? <p className="small">Fix it below: saved here, it is in force at once.</p> : null}
      {children}
      {item.id === 'relay' && item.state === 'done' ? <TestMail onSent={onChange} /> : null}
    </li>
  );
}

/** One setting's form. A secret (the relay, with its password) is never shown: its input starts empty. */
function SettingForm({ setting, onSaved }: { setting: Setting; onSaved(): void }) {
  const secret = setting.key === 'SMTP_URL';
  const shown = secret ? '' : (setting.value ?? '');
  const [draft, setDraft] = useState(shown);
  const [saved, setSaved] = useState('');
  const { busy, error, run } = useAction();
  useEffect(() => setDraft(shown), [shown]);
  const fromEnvironment = setting.source === 'environment';
  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    void run(async () => {
      await api('PUT', `/api/settings/${setting.key}`, { value: draft });
      setSaved('Saved.');
      onSaved();
    });
  };
  const reset = () => {
    setSaved('');
    void run(async () => {
      await api('DELETE', `/api/settings/${setting.key}`);
      setSaved('Back to the default.');
      onSaved();
    });
  };
  return (
    <form aria-label={setting.label} className="setting-form" onSubmit={save}>
      <label>
        {setting.label}
        <input
          value={draft}
          disabled={fromEnvironment || busy}
          required
          onChange={(e) => setDraft(e.target.value)}
          placeholder={secret ? (setting.value ?? 'smtp://user:password@mail.example.com:587') : undefined}
        />
      </label>
      <button type="submit" disabled={fromEnvironment || busy}>
        Save
      </button>
      {setting.source === 'database' ? (
        <button type="button" disabled={busy} onClick={reset}>
          Reset to default
        </button>
      ) : null}
      <p className="small">
        {fromEnvironment
          ? `Set by the environment (${setting.key}).`
          : setting.source === 'database'
            ? `Saved in the app${setting.updatedBy ? ` by ${setting.updatedBy}` : ''} (${setting.key}).`
            : `The default (${setting.key}).`}
        {secret && setting.value ? ` In force: ${setting.value}` : ''}
      </p>
      {saved ? (
        <p role="status" className="state notice">
          {saved}
        </p>
      ) : null}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function TestMail({ onSent }: { onSent(): void }) {
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<{ to: string; delivered: boolean; detail: string } | null>(null);
  const send = () =>
    run(async () => {
      setResult(await api('POST', '/api/setup/test-mail'));
      onSent();
    });
  return (
    <div className="row">
      <button type="button" disabled={busy} onClick={() => void send()}>
        Send a test mail to me
      </button>
      {result ? (
        <p role="status" className={result.delivered ? 'state notice' : 'state error'}>
          {result.delivered ? `Sent to ${result.to}: ${result.detail}.` : `Not sent to ${result.to}: ${result.detail}`}
        </p>
      ) : null}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
