import { useAppStore, useAppStoreApi } from '../store/context';
import { When } from '../ui/When';
import { DeliveryStatus } from './DeliveryStatus';
import { type EmailAnswer, emailAnswers, lastDecision, type Trace, type TraceRun } from './timeline';
import { useJourneyWords } from './useJourneyWords';

/** One run of a journey: where the person is now (or why they left), and every email step with its answer. */
export function RunCard({ trace, run }: { trace: Trace; run: TraceRun }) {
  const store = useAppStoreApi();
  const words = useJourneyWords();
  const journey = words.journey(run.journeyId, run.version);
  const answers = journey ? emailAnswers(trace, run, journey) : [];
  const answersTitle = answers.some((answer) => answer.kind === 'webhook')
    ? 'Emails and webhooks in this journey'
    : 'Emails in this journey';
  const last = lastDecision(trace, run.runId);
  const step = words.stepName(run.journeyId, run.nodeId, run.version);
  const active = run.status === 'active';
  const paused = useAppStore((state) => state.journeyList.find((j) => j.id === run.journeyId)?.status === 'paused');
  return (
    <div className="run card" data-testid={`run-${run.journeyId}`} data-status={run.status}>
      <div className="run__head">
        <div>
          <button
            type="button"
            className="link-button run__journey"
            title="Open this journey"
            onClick={() => {
              store.getState().setView('journeys');
              store.getState().selectJourney(run.journeyId);
            }}
          >
            {words.journeyName(run.journeyId)}
          </button>
          <span className="run__version">version {run.version}</span>
        </div>
        <span
          className={`pill ${active ? (paused ? 'pill--wait' : 'pill--info') : 'pill--quiet'}`}
          data-testid="run-status"
          title={
            paused && active
              ? 'The journey is paused: nothing is sent and no timer fires until it is resumed.'
              : undefined
          }
        >
          {active ? (paused ? 'Paused' : 'In progress') : 'Finished'}
        </span>
      </div>
      <p className="run__now" data-testid="run-now">
        {active ? (
          <>
            Now at <strong>{step}</strong>
            {last && <> · {last.message}</>}
          </>
        ) : (
          <>
            Left <When at={run.endedAt ?? run.enteredAt} />
            {last ? <> · {last.message}</> : run.endReason ? <> · {run.endReason}</> : null}
          </>
        )}
      </p>
      <p className="run__times">
        Entered <When at={run.enteredAt} />
        {active && run.wakeAt !== null && !paused && (
          <>
            {' '}
            · next step <When at={run.wakeAt} />
          </>
        )}
        {active && run.wakeAt !== null && paused && ' · timers and emails wait until the journey is resumed'}
        {active && run.wakeAt === null && ' · waiting for their next event'}
      </p>
      {answers.length > 0 && <h4 className="answers__title">{answersTitle}</h4>}
      {answers.length > 0 && (
        <ul className="answers" aria-label={answersTitle} data-testid="email-answers">
          {answers.map((answer) => (
            <Answer
              key={answer.nodeId}
              answer={answer}
              stepName={words.stepName(run.journeyId, answer.nodeId, run.version)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function Answer({ answer, stepName }: { answer: EmailAnswer; stepName: string | null }) {
  const subject = answer.message?.subject;
  return (
    <li className={`answer answer--${answer.state}`} data-testid={`answer-${answer.nodeId}`} data-state={answer.state}>
      <span className="answer__icon" aria-hidden="true" />
      <div className="answer__body">
        <div className="answer__title">
          <span className="answer__step">{stepName}</span>
          {subject && <span className="answer__subject">“{subject}”</span>}
        </div>
        <div className="answer__status">
          {answer.message ? <DeliveryStatus message={answer.message} /> : <AnswerWords answer={answer} />}
        </div>
      </div>
    </li>
  );
}

function AnswerWords({ answer }: { answer: EmailAnswer }) {
  switch (answer.state) {
    case 'skipped':
      return (
        <>
          <span className="pill pill--bad">{answer.kind === 'webhook' ? 'Not called' : 'Not sent'}</span> {answer.why}
        </>
      );
    case 'waiting-here':
      return (
        <>
          <span className="pill pill--wait">Held back</span> {answer.why}
        </>
      );
    case 'not-yet':
      return (
        <>
          <span className="pill pill--quiet">Not reached yet</span> may come later, depending on what they do next.
        </>
      );
    case 'not-reached':
      return (
        <>
          <span className="pill pill--quiet">Never reached</span> their path ended before this step.
        </>
      );
    default:
      return null;
  }
}
