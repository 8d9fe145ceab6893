// One incident's external communications: where it stands in the flow, the decisions, the extended
// teams, the contact data, the round's channels and the chosen communication, holding statements.
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorNote, Loading, PageHeader } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';
import type { CommsPlan, Incident } from '../../types.ts';
import { ChannelBoard } from './ChannelBoard.tsx';
import { CommunicationView } from './CommunicationView.tsx';
import { ContactLists } from './ContactLists.tsx';
import { OverridesList } from './CustomersFirst.tsx';
import { FlowSteps } from './FlowSteps.tsx';
import { PublishHolding } from './HoldingStatements.tsx';
import { MediumForm, useChosenChannels } from './MediumForm.tsx';
import { planPath } from './paths.ts';
import { Rounds } from './Rounds.tsx';
import { ScopeForm } from './ScopeForm.tsx';
import { TeamTasks } from './TeamTasks.tsx';

export function CommsIncidentPage() {
  const { incidentId = '' } = useParams();
  const incident = useApi<Incident>(`/api/incidents/${incidentId}`);
  const plan = useApi<CommsPlan>(planPath(incidentId));
  const [params, setParams] = useSearchParams();
  const selected = params.get('c');
  const select = (id: string) => setParams({ c: id });
  const error = incident.error ?? plan.error;
  if (error) return <ErrorNote error={error} retry={() => (incident.reload(), plan.reload())} />;
  if (!incident.data || !plan.data) return <Loading what="the communications plan" />;
  return <Plan incident={incident.data} plan={plan.data} selected={selected} onSelect={select} onChange={plan.reload} />;
}

/** Scope and medium side by side: the channels ticked under Medium are saved with the scope until the medium is decided. */
function Decisions({ plan, canWrite, onSaved }: { plan: CommsPlan; canWrite: boolean; onSaved(): void }) {
  const [chosen, setChosen] = useChosenChannels(plan);
  return (
    <>
      <ScopeForm key={`scope-${plan.scopeDecidedAt}`} plan={plan} canWrite={canWrite} channels={chosen} onSaved={onSaved} />
      <MediumForm plan={plan} canWrite={canWrite} chosen={chosen} setChosen={setChosen} onSaved={onSaved} />
    </>
  );
}

function Plan({
  incident,
  plan,
  selected,
  onSelect,
  onChange,
}: {
  incident: Incident;
  plan: CommsPlan;
  selected: string | null;
  onSelect(id: string): void;
  onChange(): void;
}) {
  const { can } = useSession();
  const canPlan = can('comms.plan') && !plan.allClearAt;
  return (
    <section>
      <p>
        <Link to="/communications">← Communications</Link> · <Link to={`/incidents/${incident.id}`}>Incident page</Link>
      </p>
      <PageHeader title={`Communications: incident ${incident.number} — ${incident.title}`} />
      {!plan.applies ? <p className="state warning">The plan does not apply to this incident's risk level; nothing here is required.</p> : null}
      <FlowSteps flow={plan.flow} incidentId={incident.id} />
      <h2>Decisions</h2>
      <div className="comms-grid">
        <Decisions key={`medium-${plan.mediumDecidedAt}`} plan={plan} canWrite={canPlan} onSaved={onChange} />
      </div>
      <TeamTasks plan={plan} canWrite={canPlan} onChange={onChange} />
      <ContactLists plan={plan} canPlan={canPlan} canImport={can('comms.send')} onChange={onChange} />
      <h2>Content and sending</h2>
      <p className="lead">
        Customers first: public channels wait until the round's customer email was sent, unless an incident manager records why one may go first.
      </p>
      <OverridesList plan={plan} />
      <Rounds plan={plan} canPlan={canPlan} onChange={onChange} />
      <ChannelBoard plan={plan} selected={selected} onSelect={onSelect} onChange={onChange} />
      {selected ? <CommunicationView key={selected} incidentId={incident.id} communicationId={selected} plan={plan} onChange={onChange} /> : null}
      {can('comms.publish') && !plan.allClearAt ? <PublishHolding plan={plan} onPublished={(id) => (onChange(), onSelect(id))} /> : null}
    </section>
  );
}
